/**
 * Block Kit renderer: the platform-neutral Message → Slack blocks + fallback text.
 *
 * Safety rules (docs/slack.md explains them):
 * - Every string in a Message is untrusted plain text. Anything placed in mrkdwn is escaped
 *   (`&`→`&amp;`, `<`→`&lt;`, `>`→`&gt;`, nothing else), so `<!channel>`, `<!here>`, `<@U…>`, `<#C…>`
 *   can never form a mention. Plain-text objects get the same escaping: the only `<` the output ever
 *   contains is one this module writes itself, opening an `http(s)` link.
 * - mrkdwn text objects are `verbatim: true`: Slack does not auto-link or auto-parse anything in them.
 * - Titles and labels that sit inside our own `*bold*` or `<url|label>` have the mrkdwn formatting
 *   characters `*`, `_`, `~` and `` ` `` replaced by look-alikes, so a title cannot end our formatting early.
 *   Body text keeps them (it may hold URLs and code-ish text, and can only format itself).
 * - Code blocks are fenced with ``` and any run of three or more backticks inside is broken up with
 *   zero-width spaces so it cannot close the fence. Single and double backticks (LaTeX quotes) stay.
 * - Limits are enforced however long the data: ≤ 50 blocks (a final context says how many more were not
 *   shown), section text ≤ 3000, ≤ 10 fields of ≤ 2000, ≤ 25 buttons (text ≤ 75, value ≤ 2000, url ≤ 3000),
 *   header ≤ 150, ≤ 10 context elements, fallback text ≤ 40,000. Truncation ends with "…".
 * - A button whose command line is longer than 2000 characters is dropped rather than cut: a shortened
 *   command would run something else. Command lines are short by design.
 */
import type { types as SlackTypes } from '@slack/bolt';
import type { Block, Button, Card, Field, Message, MessageLink } from '../../src/messages/message.ts';
import { stripInvisibleMessage } from '../../src/messages/invisible.ts';

export type SlackBlock = SlackTypes.KnownBlock;

export interface RenderedSlackMessage {
  /** Fallback text (notifications, screen readers), escaped mrkdwn. */
  text: string;
  blocks: SlackBlock[];
}

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  fallbackText: 40_000,
  actionId: 255,
} as const;

/** Prefix of every action_id this app renders; the adapter listens for it. */
export const ACTION_PREFIX = 'paperclub';
export const RUN_ACTION = `${ACTION_PREFIX}:run`;
export const SHARE_ACTION = `${ACTION_PREFIX}:share`;
export const ACTION_ID_PATTERN = /^paperclub:(run|share):\d+$/;

const ELLIPSIS = '…';

/** Slack's mrkdwn escaping: exactly `&`, `<` and `>`. */
export function escapeMrkdwn(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const LOOKALIKE: Record<string, string> = {
  '*': '\u2217', // ∗ ASTERISK OPERATOR
  _: '\u02CD', // ˍ MODIFIER LETTER LOW MACRON
  '~': '\u223C', // ∼ TILDE OPERATOR
  '`': '\u02CB', // ˋ MODIFIER LETTER GRAVE ACCENT
};

/** Replaces mrkdwn formatting characters with look-alikes (for titles inside our own formatting). */
export function neutralizeFormatting(text: string): string {
  return text.replace(/[*_~`]/g, (c) => LOOKALIKE[c] ?? c);
}

/**
 * Cuts raw text that could never be shown whole anyway (escaping only lengthens it), so rendering
 * stays cheap however long the data. The caller's truncation adds the "…".
 */
function clip(raw: string, max: number): string {
  return raw.length > max + 1 ? raw.slice(0, max + 1) : raw;
}

/** Escaped title text, safe inside `*…*` and `<url|…>`. Newlines become spaces. */
function inlineLabel(text: string): string {
  return escapeMrkdwn(neutralizeFormatting(clip(text, SLACK_LIMITS.sectionText).replace(/\s+/g, ' ').trim()));
}

/**
 * Cuts already-escaped mrkdwn to `max` characters, ending with "…", without splitting an entity
 * (`&amp;`) or a surrogate pair.
 */
export function truncateEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  const amp = text.lastIndexOf('&', end);
  if (amp >= 0 && amp > end - 5) {
    const semi = text.indexOf(';', amp);
    if (semi >= end) end = amp;
  }
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/** Truncates plain text (for plain_text objects) without splitting a surrogate pair. */
function truncatePlain(text: string, max: number): string {
  return truncateEscaped(escapeMrkdwn(clip(text, max)), max);
}

/** How many sections one long text, list, code block or field set may take before it is cut with "…". */
const MAX_SECTIONS_PER_BLOCK = 5;
/** The most raw text one block can show across its sections. */
const SPLIT_BUDGET = MAX_SECTIONS_PER_BLOCK * SLACK_LIMITS.sectionText;

/**
 * Splits escaped mrkdwn into at most MAX_SECTIONS_PER_BLOCK chunks of at most `max`, preferring line
 * breaks; the last chunk is truncated with "…" when the text is longer still.
 */
function splitEscaped(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    if (chunks.length === MAX_SECTIONS_PER_BLOCK - 1) {
      chunks.push(truncateEscaped(rest, max));
      return chunks;
    }
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    const amp = rest.lastIndexOf('&', cut);
    if (amp >= 0 && amp > cut - 5 && rest.indexOf(';', amp) >= cut) cut = amp;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** A URL safe to put inside `<…|…>`: http(s) only, no `<`, `>`, `|`, whitespace; `&` escaped. */
export function safeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const href = parsed.href.replace(/[<>|\s"]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  return href.length <= SLACK_LIMITS.buttonUrl ? href : null;
}

/** Longest link label and URL we put inline, so a link always fits whole in a 3000-char section. */
const MAX_INLINE_LABEL = 500;
const MAX_INLINE_URL = 2000;

function link(url: string | undefined, label: string): string {
  const candidate = url ? safeUrl(url) : null;
  const safe = candidate && candidate.length <= MAX_INLINE_URL ? candidate : null;
  const text = truncateEscaped(inlineLabel(label), MAX_INLINE_LABEL) || (safe ?? '');
  return safe ? `<${safe}|${text}>` : text;
}

function mrkdwn(text: string): SlackTypes.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function plain(text: string, max: number): SlackTypes.PlainTextElement {
  const t = truncatePlain(clip(text, max).replace(/\s+/g, ' ').trim(), max);
  return { type: 'plain_text', text: t === '' ? ' ' : t, emoji: true };
}

function section(text: string): SlackTypes.SectionBlock {
  return { type: 'section', text: mrkdwn(truncateEscaped(text, SLACK_LIMITS.sectionText)) };
}

function context(text: string): SlackTypes.ContextBlock {
  return { type: 'context', elements: [mrkdwn(truncateEscaped(text, SLACK_LIMITS.contextText))] };
}

function fieldText(field: Field): string {
  const label = `*${inlineLabel(field.label)}*`;
  return truncateEscaped(`${label}\n${escapeMrkdwn(clip(field.value, SLACK_LIMITS.fieldText))}`, SLACK_LIMITS.fieldText);
}

function fieldSections(fields: Field[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const shown = fields.slice(0, SLACK_LIMITS.fields * MAX_SECTIONS_PER_BLOCK);
  for (let i = 0; i < shown.length; i += SLACK_LIMITS.fields) {
    const chunk = shown.slice(i, i + SLACK_LIMITS.fields);
    blocks.push({ type: 'section', fields: chunk.map((f) => mrkdwn(fieldText(f))) });
  }
  return blocks;
}

/** Links joined by " · ", whole links only, within `max` characters. */
function linksText(links: MessageLink[], max: number): string {
  const parts: string[] = [];
  let length = 0;
  for (const l of links) {
    const part = link(l.url, l.label);
    if (part === '') continue;
    if (length + part.length + 3 > max) break;
    parts.push(part);
    length += part.length + 3;
  }
  return parts.join(' · ');
}

function cardBlocks(card: Card): SlackBlock[] {
  const lines = [`*${link(card.url, card.title) || 'Untitled'}*`];
  if (card.subtitle) lines.push(escapeMrkdwn(clip(card.subtitle, SLACK_LIMITS.sectionText)));
  if (card.text) lines.push(escapeMrkdwn(clip(card.text, SLACK_LIMITS.sectionText)));
  const blocks: SlackBlock[] = [section(lines.join('\n'))];
  if (card.fields && card.fields.length > 0) blocks.push(...fieldSections(card.fields));
  if (card.links && card.links.length > 0) {
    const text = linksText(card.links, SLACK_LIMITS.contextText);
    if (text) blocks.push(context(text));
  }
  if (card.footer) blocks.push(context(escapeMrkdwn(clip(card.footer, SLACK_LIMITS.contextText))));
  return blocks;
}

/** Escapes code for a ``` fence: breaks up runs of 3+ backticks so they cannot close it. */
export function fenceCode(code: string): string {
  return escapeMrkdwn(code).replace(/`{3,}/g, (run) => run.split('').join('\u200B'));
}

function codeBlocks(code: string): SlackBlock[] {
  const fence = '```';
  const room = SLACK_LIMITS.sectionText - 2 * fence.length - 2;
  const body = fenceCode(clip(code, SPLIT_BUDGET).replace(/\s+$/, ''));
  return splitEscaped(body === '' ? ' ' : body, room).map((chunk) => section(`${fence}\n${chunk}\n${fence}`));
}

function listBlocks(items: string[], ordered: boolean | undefined): SlackBlock[] {
  const lines: string[] = [];
  let length = 0;
  for (const [i, item] of items.entries()) {
    if (length > SPLIT_BUDGET) break;
    const line = `${ordered ? `${i + 1}.` : '•'} ${escapeMrkdwn(clip(item, SLACK_LIMITS.sectionText).replace(/\s*\n\s*/g, ' '))}`;
    lines.push(line);
    length += line.length + 1;
  }
  return splitEscaped(lines.join('\n'), SLACK_LIMITS.sectionText).map((chunk) => section(chunk));
}

function textBlocks(text: string): SlackBlock[] {
  if (text.trim() === '') return [];
  return splitEscaped(escapeMrkdwn(clip(text, SPLIT_BUDGET)), SLACK_LIMITS.sectionText).map((chunk) => section(chunk));
}

export interface RenderOptions {
  /**
   * Drop `share: true` buttons (the message is already in the channel, or is an unfurl).
   * Defaults to true for `in_channel` messages.
   */
  dropShareButtons?: boolean;
  /** Drop every button (e.g. for contexts where nobody could click them). */
  dropButtons?: boolean;
}

function actionsBlocks(buttons: Button[], options: RenderOptions, startIndex: number): SlackBlock[] {
  const elements: SlackTypes.Button[] = [];
  buttons.forEach((button, i) => {
    if (options.dropButtons) return;
    if (button.share && options.dropShareButtons) return;
    if (button.command.length > SLACK_LIMITS.buttonValue || button.command.trim() === '') return;
    if (elements.length >= SLACK_LIMITS.actionsElements) return;
    const element: SlackTypes.Button = {
      type: 'button',
      action_id: `${button.share ? SHARE_ACTION : RUN_ACTION}:${startIndex + i}`,
      text: plain(button.label, SLACK_LIMITS.buttonText),
      value: button.command,
    };
    if (button.style) element.style = button.style;
    elements.push(element);
  });
  return elements.length > 0 ? [{ type: 'actions', elements }] : [];
}

/** One source block → its Slack blocks (possibly several, possibly none). */
function renderBlock(block: Block, options: RenderOptions, buttonIndex: number): SlackBlock[] {
  switch (block.type) {
    case 'header': {
      const text = block.text.trim();
      return text ? [{ type: 'header', text: plain(text, SLACK_LIMITS.headerText) }] : [];
    }
    case 'card':
      return cardBlocks(block.card);
    case 'text':
      return textBlocks(block.text);
    case 'fields':
      return block.fields.length > 0 ? fieldSections(block.fields) : [];
    case 'links': {
      const text = linksText(block.links, SLACK_LIMITS.sectionText);
      return text ? [section(text)] : [];
    }
    case 'code':
      return codeBlocks(block.text);
    case 'list':
      return block.items.length > 0 ? listBlocks(block.items, block.ordered) : [];
    case 'actions':
      return actionsBlocks(block.buttons, options, buttonIndex);
    case 'context':
      return block.text.trim() ? [context(escapeMrkdwn(clip(block.text, SLACK_LIMITS.contextText)))] : [];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/**
 * Renders a Message for Slack. The result never exceeds a Block Kit limit: when the message has more
 * than fits, later blocks are dropped (buttons are kept) and a final context says how many.
 */
export function renderMessage(original: Message, options: RenderOptions = {}): RenderedSlackMessage {
  // Bidi controls and zero-width characters go first, before escaping (src/messages/invisible.ts).
  const message = stripInvisibleMessage(original);
  const opts: RenderOptions = {
    ...options,
    dropShareButtons: options.dropShareButtons ?? message.visibility === 'in_channel',
  };
  let buttonIndex = 0;
  const groups = message.blocks.map((block) => {
    const rendered = renderBlock(block, opts, buttonIndex);
    if (block.type === 'actions') buttonIndex += block.buttons.length;
    return { actions: block.type === 'actions', blocks: rendered };
  });
  const nonEmpty = groups.filter((g) => g.blocks.length > 0);
  const total = nonEmpty.reduce((n, g) => n + g.blocks.length, 0);

  let blocks: SlackBlock[];
  if (total <= SLACK_LIMITS.blocks) {
    blocks = nonEmpty.flatMap((g) => g.blocks);
  } else {
    // Keep buttons (paging, share) first in the budget, then fill the rest in order.
    const budget = SLACK_LIMITS.blocks - 1;
    let used = 0;
    const keep = new Set<number>();
    nonEmpty.forEach((g, i) => {
      if (g.actions && used + g.blocks.length <= budget) {
        keep.add(i);
        used += g.blocks.length;
      }
    });
    let dropped = 0;
    let full = false;
    nonEmpty.forEach((g, i) => {
      if (g.actions) {
        if (!keep.has(i)) dropped += 1;
        return;
      }
      if (!full && used + g.blocks.length <= budget) {
        keep.add(i);
        used += g.blocks.length;
      } else {
        full = true;
        dropped += 1;
      }
    });
    blocks = nonEmpty.filter((_, i) => keep.has(i)).flatMap((g) => g.blocks);
    blocks.push(context(`${dropped} more not shown`));
  }

  const summary = clip(message.summary, SLACK_LIMITS.fallbackText).replace(/\s+/g, ' ').trim();
  const text = truncateEscaped(escapeMrkdwn(summary === '' ? 'paperclub' : summary), SLACK_LIMITS.fallbackText);
  return { text, blocks };
}
