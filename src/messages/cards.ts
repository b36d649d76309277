/**
 * Paper cards and the small standard messages (info, error). Reused by the commands, by Slack link
 * unfurls and by the jobs' alerts and digests. Plain text only: renderers escape and enforce limits.
 */
import { arxivAbsUrl, arxivPdfUrl } from '../library/arxiv-id.ts';
import { authorName, familyName } from '../library/names.ts';
import type { Author, Link, LinkKind, MetadataProvenance, PaperEntry } from '../library/types.ts';
import { isPaperclubError, type ErrorCode } from '../errors.ts';
import type { Block, Button, Card, Field, Message, MessageLink, Visibility } from './message.ts';

export interface PaperCardOptions {
  /** One line of authors, the takeaway and the id: for search results and alerts. */
  compact?: boolean;
  /** 1-based position in this channel's club queue, when the paper is queued. */
  queuePosition?: number;
}

/** Authors a byline names before "et al.". */
const BYLINE_AUTHORS = 3;
/** Full names the full card's Authors field lists before "and N more". */
const FULL_AUTHORS = 20;

/** `A, B and C`; with `etAl` (the list names only the first few): `A, B, C et al.`. */
function joinNames(names: readonly string[], etAl: boolean): string {
  if (names.length === 0) return '';
  if (etAl) return `${names.join(', ')} et al.`;
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/**
 * The byline's authors by family name: `Eldan and Li`, `Hu, Shen and Wallis`; beyond three, and
 * whenever the only list known ends in "et al." (`truncated`), `Vaswani, Shazeer, Parmar et al.`.
 */
export function authorsLine(authors: readonly Author[], truncated = false): string {
  const names = authors.map(familyName).filter((n) => n !== '');
  return names.length > BYLINE_AUTHORS ? joinNames(names.slice(0, BYLINE_AUTHORS), true) : joinNames(names, truncated);
}

/** Every author's full name, up to FULL_AUTHORS; then `and 48 more` (or `et al.` when the list is cut). */
export function fullAuthorsLine(authors: readonly Author[], truncated = false): string {
  const names = authors.map(authorName).filter((n) => n !== '');
  if (names.length <= FULL_AUTHORS) return joinNames(names, truncated);
  const more = names.length - FULL_AUTHORS;
  return `${names.slice(0, FULL_AUTHORS).join(', ')} ${truncated ? 'et al.' : `and ${more} more`}`;
}

/** Where the card's bibliographic data came from, in one line. */
export function provenanceLine(provenance: MetadataProvenance): string {
  switch (provenance.source) {
    case 'arxiv-api':
      return "arXiv's own record (arXiv API)";
    case 'compiled-references':
      return `compiled from public references, ${provenance.confidence} confidence${provenance.dateFrom === 'id' ? '; day of v1 unknown' : ''} (not yet checked against the arXiv API)`;
    default:
      return 'the reading lists only';
  }
}

/** The reading lists an entry appears in, by name, each once, in seed order. */
export function listNames(entry: PaperEntry): string {
  return [...new Set(entry.sources.map((s) => s.list))].join(', ');
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st … */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The id people can type back: `arXiv:2106.09685`, or the library id for other works. */
export function paperIdLabel(entry: PaperEntry): string {
  return entry.arxivId ? `arXiv:${entry.arxivId}` : entry.id;
}

/** The URL the card's title links to: arXiv abstract page, DOI resolver, else the best public link. */
export function paperUrl(entry: PaperEntry): string | undefined {
  if (entry.arxivId) return arxivAbsUrl(entry.arxivId);
  if (entry.doi) return `https://doi.org/${entry.doi}`;
  const order: LinkKind[] = ['web', 'code', 'pdf', 'html', 'discussion', 'slides'];
  for (const kind of order) {
    const link = entry.links.find((l) => l.kind === kind && isPublic(l));
    if (link) return link.url;
  }
  return undefined;
}

const KIND_LABELS: Record<LinkKind, string> = {
  abs: 'arXiv',
  pdf: 'PDF',
  html: 'HTML',
  doi: 'DOI',
  code: 'Code',
  local: 'Local file',
  discussion: 'Discussion',
  slides: 'Slides',
  web: 'Web',
};

// Local paths (papers/x/2201.11903.pdf) only mean something on the list author's disk.
const isPublic = (link: Link): boolean => /^https?:\/\//i.test(link.url);

/** Abstract page, PDF and DOI first, then every other public link a list gave, each once. */
export function paperLinks(entry: PaperEntry): MessageLink[] {
  const links: MessageLink[] = [];
  const seen = new Set<string>();
  const add = (label: string, url: string) => {
    const key = url.replace(/\/+$/, '').toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    links.push({ label, url });
  };
  if (entry.arxivId) {
    add('arXiv', arxivAbsUrl(entry.arxivId));
    add('PDF', arxivPdfUrl(entry.arxivId));
  }
  if (entry.doi) add('DOI', `https://doi.org/${entry.doi}`);
  for (const link of entry.links.filter(isPublic)) add(link.label ?? KIND_LABELS[link.kind], link.url);
  return links;
}

function byline(entry: PaperEntry): string {
  const parts = [authorsLine(entry.authors, entry.authorsTruncated), entry.date ?? (entry.year === null ? '' : String(entry.year)), paperIdLabel(entry)];
  return parts.filter((p) => p !== '').join(' · ');
}

function fullFields(entry: PaperEntry, queuePosition: number | undefined): Field[] {
  const fields: Field[] = [];
  // The byline names three; the card lists everyone it can.
  if (entry.authors.length > BYLINE_AUTHORS) fields.push({ label: 'Authors', value: fullAuthorsLine(entry.authors, entry.authorsTruncated) });
  if (entry.aka.length > 0) fields.push({ label: 'Also known as', value: entry.aka.join(', '), inline: true });
  if (entry.tags.length > 0) fields.push({ label: 'Tags', value: entry.tags.join(', '), inline: true });
  if (entry.affiliation) fields.push({ label: 'Affiliation', value: entry.affiliation, inline: true });
  const order: string[] = [];
  if (entry.readingOrder !== null) order.push(`#${entry.readingOrder} on the club's reading list`);
  if (queuePosition !== undefined) order.push(queuePosition === 1 ? "this channel's current paper" : `${ordinal(queuePosition)} in this channel's queue`);
  if (order.length > 0) fields.push({ label: 'Reading order', value: order.join('; '), inline: true });
  if (entry.sources.length > 0) fields.push({ label: 'Listed in', value: listNames(entry) });
  fields.push({ label: 'Data from', value: provenanceLine(entry.provenance) });
  return fields;
}

/**
 * The club's takeaway, the lists' notes, then the abstract. The abstract comes last so that a
 * platform's length limit, which the renderers enforce by cutting the end, cuts it first.
 */
function fullText(entry: PaperEntry): string | undefined {
  const parts: string[] = [];
  if (entry.takeaway) parts.push(entry.takeaway);
  if (entry.summary.length > 0) parts.push(entry.summary.map((s) => `• ${s}`).join('\n'));
  if (entry.abstract) parts.push(`Abstract: ${entry.abstract}`);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

export function paperCard(entry: PaperEntry, options: PaperCardOptions = {}): Card {
  const url = paperUrl(entry);
  if (options.compact) {
    const text = entry.takeaway ?? entry.summary[0];
    return {
      title: entry.title,
      ...(url === undefined ? {} : { url }),
      subtitle: byline(entry),
      ...(text === undefined ? {} : { text }),
      ...(entry.tags.length > 0 ? { footer: entry.tags.join(', ') } : {}),
    };
  }
  const text = fullText(entry);
  const fields = fullFields(entry, options.queuePosition);
  const links = paperLinks(entry);
  return {
    title: entry.title,
    ...(url === undefined ? {} : { url }),
    subtitle: byline(entry),
    ...(text === undefined ? {} : { text }),
    ...(fields.length > 0 ? { fields } : {}),
    ...(links.length > 0 ? { links } : {}),
    footer: `paperclub id: ${entry.id}`,
  };
}

export interface PaperCardMessageOptions extends PaperCardOptions {
  visibility?: Visibility;
  header?: string;
  buttons?: Button[];
  /** A line under the card (e.g. "Up next: …"). */
  context?: string;
}

export function paperCardMessage(entry: PaperEntry, options: PaperCardMessageOptions = {}): Message {
  const blocks: Block[] = [];
  if (options.header) blocks.push({ type: 'header', text: options.header });
  blocks.push({ type: 'card', card: paperCard(entry, options) });
  if (options.context) blocks.push({ type: 'context', text: options.context });
  if (options.buttons && options.buttons.length > 0) blocks.push({ type: 'actions', buttons: options.buttons });
  return {
    visibility: options.visibility ?? 'ephemeral',
    summary: options.header ? `${options.header}: ${entry.title}` : entry.title,
    blocks,
  };
}

export interface InfoMessageOptions {
  visibility?: Visibility;
  header?: string;
  buttons?: Button[];
}

export function infoMessage(text: string, options: InfoMessageOptions = {}): Message {
  const blocks: Block[] = [];
  if (options.header) blocks.push({ type: 'header', text: options.header });
  blocks.push({ type: 'text', text });
  if (options.buttons && options.buttons.length > 0) blocks.push({ type: 'actions', buttons: options.buttons });
  return { visibility: options.visibility ?? 'ephemeral', summary: options.header ?? firstLine(text), blocks };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/**
 * A result someone chose to share: posted for everyone, without the "share" buttons. A failed answer
 * (`error: true`) is returned unchanged: it stays private to the person who pressed the button.
 */
export function sharedMessage(message: Message): Message {
  if (message.error) return message;
  const blocks = message.blocks.flatMap((block): Block[] => {
    if (block.type !== 'actions') return [block];
    const buttons = block.buttons.filter((b) => !b.share);
    return buttons.length > 0 ? [{ type: 'actions', buttons }] : [];
  });
  return { ...message, visibility: 'in_channel', blocks };
}

/*
 * Errors become friendly ephemeral messages. PaperclubError messages are written for people; anything
 * else is a bug on our side, answered with an apology and never a stack trace.
 */
/** A next step to suggest, per code. */
const HINTS: Partial<Record<ErrorCode, string>> = {
  unknown_command: 'Type `/paper help` to see every command.',
  bad_arguments: 'Type `/paper help` for usage and examples.',
  paper_not_found: 'Try `/paper search <words from the title>`.',
  bad_format: 'Formats: bibtex, biblatex, ris, csl-json, apa, vancouver, harvard.',
  storage_unavailable: 'Search, show and cite still work.',
  upstream_failed: 'Please try again in a minute.',
};

export const UNEXPECTED_ERROR_TEXT = 'Sorry, something went wrong on our side while handling that. It has been logged.';

export function errorMessage(error: unknown): Message {
  const text = isPaperclubError(error) ? error.message : UNEXPECTED_ERROR_TEXT;
  const hint = isPaperclubError(error) ? HINTS[error.code] : undefined;
  const blocks: Block[] = [{ type: 'text', text }];
  if (hint) blocks.push({ type: 'context', text: hint });
  return { visibility: 'ephemeral', summary: text.split('\n', 1)[0] ?? text, blocks, error: true };
}
