/**
 * Slack's wire format for the text typed after `/paper`. Slack entity-encodes `&`, `<` and `>` in all
 * text it sends (`Q&A` arrives as `Q&amp;A`), and links, users and channels can arrive in its bracket
 * form (`<https://arxiv.org/abs/2106.09685|arxiv.org/abs/2106.09685>`, `<@U123|ada>`, `<#C123|general>`,
 * `<!here>`), for instance when a link is pasted or `should_escape` is turned on. The core wants the
 * text as the person saw it, so it is decoded here, once, before parsing.
 */

/** `<…>` Slack markup → the text it displays: a link's URL, `@name`, `#channel`, `@here`. */
function unwrap(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target;
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^', 1)[0]!;
    if (label) return label.startsWith('@') ? label : `@${label}`;
    return `@${special}`;
  }
  // A link: the URL is what identifies a paper (the label may be shortened); mailto: shows its label.
  if (/^mailto:/i.test(target)) return label || target.slice('mailto:'.length);
  return target;
}

export function decodeSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_m, inner: string) => unwrap(inner))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
