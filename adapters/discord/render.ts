/**
 * Message → Discord message payload (content, embeds, buttons).
 *
 * Every string in a Message is plain, possibly hostile text. Here it is escaped for Discord markdown,
 * mentions are broken textually (so even a client ignoring allowed_mentions shows no ping), and every
 * Discord limit is enforced by construction: text is cut on code-point boundaries BEFORE escaping and
 * re-measured after, so an escape sequence or a code fence is never cut in half.
 *
 * Layout: leading text blocks go to `content` when they fit in 2000 characters; each card becomes an
 * embed; any other run of text blocks becomes an embed with a description. Buttons become action rows.
 */
import type { APIActionRowComponent, APIAllowedMentions, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import type { Block, Button, Card, Field, Message, MessageLink } from '../../src/messages/message.ts';
import { stripInvisibleMessage } from '../../src/messages/invisible.ts';
import type { ButtonCommandStore } from './custom-id.ts';

export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  url: 2048,
} as const;

export const EPHEMERAL_FLAG = 1 << 6;
const ELLIPSIS = '…';
const ZWSP = '\u200b';

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** What we send: the body of an interaction response, an edit, a follow-up or a channel message. */
export interface DiscordMessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  flags?: number;
  allowed_mentions: APIAllowedMentions;
}

export interface RenderOptions {
  /** Render as this visibility regardless of the message's own (channel posts are always public). */
  visibility?: Message['visibility'];
}

export function noMentions(): APIAllowedMentions {
  return { parse: [] };
}

// ---------------------------------------------------------------------------------------------------
// Escaping

/** Breaks every mention form textually: @everyone, @here, <@user>, <@&role>, <#channel>, </command:id>. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?=[@#/])/g, `<${ZWSP}`);
}

/** Control characters other than newline and tab render oddly or not at all; drop them. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function oneLine(text: string): string {
  return clean(text).replace(/\s*\n\s*/g, ' ');
}

/**
 * Untrusted text → Discord markdown that displays exactly that text and pings nobody.
 *
 * Discord treats a backslash before any punctuation as a literal, so we escape every inline markdown
 * character and the line-start constructs (headings, lists, quotes, subtext). This is a single linear
 * pass: discord.js `escapeMarkdown` was measured at about 2 s for 9,000 characters without spaces
 * (its regexes backtrack), which a hostile 10,000-character title must not be able to cause.
 */
export function escapeText(text: string): string {
  const escaped = clean(text)
    .replace(/[\\*_~|`[\]]/g, '\\$&')
    .replace(/^([ \t]*)([#>-]|\d+(?=[.)]))/gm, (_m, indent: string, mark: string) => (/^\d/.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`));
  return neutraliseMentions(escaped);
}

function escapeInline(text: string): string {
  return escapeText(oneLine(text));
}

/** Text that Discord shows without markdown (footers, button labels): only mentions are broken. */
function plainInline(text: string): string {
  return neutraliseMentions(oneLine(text));
}

/** A fenced code block whose content cannot close the fence or ping anyone. */
export function codeBlock(text: string, language?: string): string {
  const lang = language && /^[A-Za-z0-9+#._-]{1,24}$/.test(language) ? language : '';
  let body = clean(text).replace(/`(?=``)/g, `\`${ZWSP}`);
  if (body.endsWith('`')) body += ZWSP;
  return `\`\`\`${lang}\n${neutraliseMentions(body)}\n\`\`\``;
}

// ---------------------------------------------------------------------------------------------------
// Fitting

/**
 * `render(raw)` if it fits in `limit`; otherwise `render(prefix) + '…'` (or `wrapCut(render(prefix))`)
 * for the longest prefix of `raw` (in code points) that fits. Returns null when nothing fits.
 */
export function fitText(raw: string, limit: number, render: (raw: string) => string, cut: (rendered: string) => string = (r) => r + ELLIPSIS): string | null {
  if (limit <= 0) return null;
  const whole = render(raw);
  if (whole.length <= limit) return whole;
  const points = Array.from(raw);
  const attempt = (n: number) => cut(render(points.slice(0, n).join('')));
  let lo = 0;
  let hi = points.length - 1;
  let best: string | null = null;
  // Rendering is near-monotone in prefix length; binary search, then confirm the answer fits.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = attempt(mid);
    if (candidate.length <= limit) {
      best = candidate;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (best !== null && best.length <= limit) return best;
  const empty = attempt(0);
  return empty.length <= limit ? empty : null;
}

/** A piece of markdown that can shrink to a given length, or says it cannot fit (null). */
type Chunk = (limit: number) => string | null;

function textChunk(text: string): Chunk {
  return (limit) => fitText(text, limit, escapeText);
}

function headerChunk(text: string): Chunk {
  return (limit) => fitText(text, limit, (r) => `**${escapeInline(r)}**`, (r) => r.replace(/\*\*$/, `${ELLIPSIS}**`));
}

function contextChunk(text: string): Chunk {
  return (limit) => fitText(text, limit, (r) => `*${escapeInline(r)}*`, (r) => r.replace(/\*$/, `${ELLIPSIS}*`));
}

function codeChunk(text: string, language?: string): Chunk {
  return (limit) => fitText(text, limit, (r) => codeBlock(r, language), (r) => r.replace(/\n```$/, `\n${ELLIPSIS}\n\`\`\``));
}

function lineChunk(prefix: string, text: string): Chunk {
  return (limit) => {
    const line = fitText(text, limit - prefix.length, escapeInline);
    return line === null ? null : prefix + line;
  };
}

function fieldChunk(field: Field): Chunk {
  return (limit) => {
    const label = fitText(field.label, Math.min(DISCORD_LIMITS.fieldName, limit), escapeInline);
    if (label === null) return null;
    const head = `**${label}**: `;
    const value = fitText(field.value, limit - head.length, escapeText);
    return value === null ? null : head + value;
  };
}

/** Only absolute http(s) URLs, without characters that would end a markdown link early. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    // user:pass@host URLs only serve to disguise where a link goes.
    if (parsed.username || parsed.password) return undefined;
    // `@` cannot appear unencoded in what remains; encoding it keeps "@here" out of link text entirely.
    const href = parsed.href.replace(/[()<> @]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return href.length <= DISCORD_LIMITS.url ? href : undefined;
  } catch {
    return undefined;
  }
}

function linkMarkdown(link: MessageLink, labelLimit = 100): string | null {
  const url = safeUrl(link.url);
  const label = fitText(link.label.trim() === '' ? (url ?? '') : link.label, labelLimit, escapeInline);
  if (!label) return null;
  return url ? `[${label}](<${url}>)` : label;
}

function linksChunk(links: readonly MessageLink[]): Chunk {
  return (limit) => {
    let out = '';
    for (const link of links) {
      const md = linkMarkdown(link);
      if (md === null) continue;
      const next = out === '' ? md : `${out} · ${md}`;
      if (next.length > limit) break;
      out = next;
    }
    return out === '' ? null : out;
  };
}

/** Joins chunks with `separator` until `limit`; reports whether everything fit. */
function assemble(chunks: readonly Chunk[], limit: number, separator = '\n'): { text: string; complete: boolean } {
  let text = '';
  for (const chunk of chunks) {
    const room = limit - text.length - (text === '' ? 0 : separator.length);
    const piece = room > 0 ? chunk(room) : null;
    if (piece === null) return { text, complete: false };
    if (piece === '') continue;
    text = text === '' ? piece : text + separator + piece;
  }
  return { text, complete: true };
}

// ---------------------------------------------------------------------------------------------------
// Blocks → segments

type Segment = { kind: 'text'; chunks: Chunk[] } | { kind: 'card'; card: Card };

function toSegments(blocks: readonly Block[]): { segments: Segment[]; buttonGroups: Button[][] } {
  const segments: Segment[] = [];
  const buttonGroups: Button[][] = [];
  const textRun = (): Chunk[] => {
    const last = segments.at(-1);
    if (last?.kind === 'text') return last.chunks;
    const run: Segment = { kind: 'text', chunks: [] };
    segments.push(run);
    return run.chunks;
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'card':
        segments.push({ kind: 'card', card: block.card });
        break;
      case 'actions':
        if (block.buttons.length > 0) buttonGroups.push(block.buttons);
        break;
      case 'header':
        textRun().push(headerChunk(block.text));
        break;
      case 'text':
        textRun().push(textChunk(block.text));
        break;
      case 'context':
        textRun().push(contextChunk(block.text));
        break;
      case 'code':
        textRun().push(codeChunk(block.text, block.language));
        break;
      case 'fields':
        textRun().push(...block.fields.map(fieldChunk));
        break;
      case 'links':
        textRun().push(linksChunk(block.links));
        break;
      case 'list':
        textRun().push(...block.items.map((item, i) => lineChunk(block.ordered ? `${i + 1}\\. ` : '• ', item)));
        break;
      case 'divider':
        // A divider ends the current run; the next text starts a new section.
        segments.push({ kind: 'text', chunks: [] });
        break;
    }
  }
  return { segments: segments.filter((s) => s.kind === 'card' || s.chunks.length > 0), buttonGroups };
}

// ---------------------------------------------------------------------------------------------------
// Embeds

/** Characters Discord counts toward the 6000 total of a message's embeds. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

function cardEmbed(card: Card, budget: number): APIEmbed | null {
  const embed: APIEmbed = {};
  let left = budget;
  const title = fitText(card.title, Math.min(DISCORD_LIMITS.title, left), escapeInline);
  if (title) {
    embed.title = title;
    left -= title.length;
  }
  const url = safeUrl(card.url);
  if (url && embed.title) embed.url = url;
  if (card.footer) {
    const footer = fitText(card.footer, Math.min(DISCORD_LIMITS.footer, left, 300), plainInline);
    if (footer) {
      embed.footer = { text: footer };
      left -= footer.length;
    }
  }
  const chunks: Chunk[] = [];
  if (card.subtitle) chunks.push(contextChunk(card.subtitle));
  if (card.text) chunks.push(textChunk(card.text));
  if (card.links && card.links.length > 0) chunks.push(linksChunk(card.links));
  const description = assemble(chunks, Math.min(DISCORD_LIMITS.description, left), '\n\n').text;
  if (description) {
    embed.description = description;
    left -= description.length;
  }
  const fields: APIEmbedField[] = [];
  for (const field of card.fields ?? []) {
    if (fields.length >= DISCORD_LIMITS.fields || left < 2) break;
    const name = fitText(field.label.trim() === '' ? ZWSP : field.label, Math.min(DISCORD_LIMITS.fieldName, left - 1), escapeInline);
    if (!name) break;
    const value = fitText(field.value.trim() === '' ? ZWSP : field.value, Math.min(DISCORD_LIMITS.fieldValue, left - name.length), escapeText);
    if (!value) break;
    fields.push({ name, value, ...(field.inline ? { inline: true } : {}) });
    left -= name.length + value.length;
  }
  if (fields.length > 0) embed.fields = fields;
  return embed.title || embed.description || embed.fields ? embed : null;
}

function textEmbed(chunks: readonly Chunk[], budget: number): APIEmbed | null {
  const { text } = assemble(chunks, Math.min(DISCORD_LIMITS.description, budget));
  return text ? { description: text } : null;
}

// ---------------------------------------------------------------------------------------------------
// Buttons

const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;

/**
 * Each actions block starts its own row(s) of up to 5 buttons. When that would need more than 5 rows
 * (a page of results each with its own button, plus paging), the buttons are packed 5 to a row instead,
 * so the paging buttons at the end are not the ones lost.
 */
function buttonRows(groups: readonly Button[][], store: ButtonCommandStore): ButtonRow[] {
  const usable = groups.map((group) => group.filter((b) => b.command.trim() !== '')).filter((group) => group.length > 0);
  const natural = usable.reduce((rows, group) => rows + Math.ceil(group.length / DISCORD_LIMITS.buttonsPerRow), 0);
  const layout: Button[][] = [];
  for (const group of natural <= DISCORD_LIMITS.rows ? usable : [usable.flat()]) {
    for (let i = 0; i < group.length; i += DISCORD_LIMITS.buttonsPerRow) layout.push(group.slice(i, i + DISCORD_LIMITS.buttonsPerRow));
  }
  const used = new Set<string>();
  return layout.slice(0, DISCORD_LIMITS.rows).map((row): ButtonRow => ({
    type: 1,
    components: row.map((button): APIButtonComponentWithCustomId => {
      const action = { command: button.command.trim(), share: button.share === true };
      let salt = 0;
      let customId = store.encode(action, salt);
      while (used.has(customId)) customId = store.encode(action, ++salt);
      used.add(customId);
      const label = fitText(button.label.trim() === '' ? action.command : button.label, DISCORD_LIMITS.buttonLabel, plainInline) ?? ELLIPSIS;
      return { type: 2, style: BUTTON_STYLE[button.style ?? 'secondary'], label, custom_id: customId };
    }),
  }));
}

// ---------------------------------------------------------------------------------------------------

export function renderMessage(original: Message, store: ButtonCommandStore, options: RenderOptions = {}): DiscordMessagePayload {
  // Bidi controls and zero-width characters go first; the ZWSPs that break mentions are added after.
  const message = stripInvisibleMessage(original);
  const { segments, buttonGroups } = toSegments(message.blocks);
  let content: string | undefined;
  const embeds: APIEmbed[] = [];
  let budget: number = DISCORD_LIMITS.embedTotal;
  let omitted = 0;

  segments.forEach((segment, index) => {
    if (index === 0 && segment.kind === 'text') {
      // Content only when the whole run fits uncut; otherwise the run gets an embed's 4096 characters.
      const whole = assemble(segment.chunks, Number.POSITIVE_INFINITY);
      if (whole.complete && whole.text.length <= DISCORD_LIMITS.content) {
        content = whole.text;
        return;
      }
    }
    if (embeds.length >= DISCORD_LIMITS.embeds || budget < 40) {
      omitted += 1;
      return;
    }
    const embed = segment.kind === 'card' ? cardEmbed(segment.card, budget) : textEmbed(segment.chunks, budget);
    if (!embed) return;
    embeds.push(embed);
    budget -= embedLength(embed);
  });

  if (omitted > 0) {
    const note = `*…and ${omitted} more not shown.*`;
    content = content === undefined ? note : content.length + 1 + note.length <= DISCORD_LIMITS.content ? `${content}\n${note}` : content;
  }
  if (!content && embeds.length === 0) {
    content = fitText(message.summary.trim() === '' ? ELLIPSIS : message.summary, DISCORD_LIMITS.content, escapeText) ?? ELLIPSIS;
  }

  const visibility = options.visibility ?? message.visibility;
  return {
    ...(content ? { content } : {}),
    embeds,
    components: buttonRows(buttonGroups, store),
    ...(visibility === 'ephemeral' ? { flags: EPHEMERAL_FLAG } : {}),
    allowed_mentions: noMentions(),
  };
}
