/**
 * Parses arXiv listing feeds with rss-parser into FeedItems. Pure: no I/O.
 * Three formats arrive in practice:
 *  - RSS 2.0 from rss.arxiv.org/rss/<cat> (current): guid `oai:arXiv.org:<id>vN`, description
 *    `arXiv:<id>vN Announce Type: <type> \nAbstract: …`, `arxiv:announce_type`, one comma-separated
 *    `dc:creator`, optional `arxiv:DOI` / `arxiv:journal_reference`.
 *  - Atom from rss.arxiv.org/atom/<cat>: the same data with Atom element names.
 *  - The retired RSS 1.0/RDF feed (export.arxiv.org/rss/<cat> before 2024): titles end in
 *    `. (arXiv:<id>vN [<cat>])` with ` UPDATED` for replacements, HTML in description and creator.
 *    Parsed too, so an old mirror in ARXIV_RSS_URL keeps working (see docs/arxiv.md for its limits).
 * A body that is not a well-formed feed (e.g. a download cut off mid-entry) is rejected as a whole
 * with a retryable PaperclubError: never a partial list.
 */
import Parser from 'rss-parser';
import { PaperclubError } from '../errors.ts';
import { parseArxivId } from '../library/arxiv-id.ts';
import { collapseWhitespace } from './text.ts';

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross' | 'other';

export interface FeedItem {
  /** Versionless id. */
  arxivId: string;
  version: number | null;
  title: string;
  /** Author names, affiliations removed. */
  authors: string[];
  abstract: string;
  categories: string[];
  announceType: AnnounceType;
  /** The abs page, without version. */
  link: string;
  /** When this listing was announced, ISO 8601 (UTC). */
  published: string | null;
  /** A journal DOI (`arxiv:DOI`), not the arXiv DOI. */
  doi: string | null;
  journalRef: string | null;
}

export interface ParsedFeed {
  items: FeedItem[];
  /** The channel's pubDate (RSS), updated (Atom) or dc:date (RDF), ISO 8601 (UTC); null when absent. */
  feedDate: string | null;
  /** Items without a recognisable arXiv id, left out of `items`. */
  skipped: number;
}

interface FeedCustom {
  pubDate?: string;
  lastBuildDate?: string;
  updated?: string;
  'dc:date'?: string;
}

type RawCategory = string | { _?: string; $?: { term?: string } };

interface ItemCustom {
  'arxiv:announce_type'?: string;
  doi?: string;
  journalRef?: string;
  creator?: string;
  rights?: string;
  rawCategories?: RawCategory[];
  id?: string;
}

function createParser(): Parser<FeedCustom, ItemCustom> {
  return new Parser<FeedCustom, ItemCustom>({
    customFields: {
      feed: ['pubDate', 'lastBuildDate', 'updated', 'dc:date'],
      item: [
        'arxiv:announce_type',
        ['arxiv:DOI', 'doi'],
        ['arxiv:journal_reference', 'journalRef'],
        // Atom entries get no default fields from rss-parser, so name dc:* here too.
        ['dc:creator', 'creator'],
        ['dc:rights', 'rights'],
        ['category', 'rawCategories', { keepArray: true }],
        'id',
      ],
    },
  });
}

const ANNOUNCE_TYPES = new Set<AnnounceType>(['new', 'cross', 'replace', 'replace-cross']);

export function toAnnounceType(value: string | null | undefined): AnnounceType {
  const v = (value ?? '').trim().toLowerCase() as AnnounceType;
  return ANNOUNCE_TYPES.has(v) ? v : 'other';
}

/** `A (Univ X, Dept Y), B, C` → ['A', 'B', 'C']: commas inside parentheses belong to affiliations. */
export function splitCreators(creator: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of creator) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  names.push(current);
  return names
    .map(stripParenthesised)
    // Tolerate "A, B and C" even though arXiv itself separates every name with a comma.
    .flatMap((name) => name.split(/(?:^|\s)and\s/))
    .map(collapseWhitespace)
    .filter((name) => name !== '');
}

function stripParenthesised(text: string): string {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function stripHtml(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, name: string) => HTML_ENTITIES[name]!);
}

function categoryText(raw: RawCategory): string | null {
  if (typeof raw === 'string') return raw.trim() || null;
  const value = raw._ ?? raw.$?.term;
  return value?.trim() || null;
}

function isoOrNull(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// `arXiv:2504.17830v1 Announce Type: new \nAbstract: …`
const DESCRIPTION = /^\s*arXiv:(\S+)\s+Announce Type:\s*(\S+)\s*(?:Abstract:\s*)?([\s\S]*)$/;
// RDF titles: `Title. (arXiv:1301.1107v6 [cs.NA] UPDATED)`
const RDF_TITLE = /^([\s\S]*?)\.?\s*\(arXiv:(\S+?)\s+\[([^\]]+)\](\s+UPDATED)?\)\s*$/;

type ParserItem = Parser.Item & ItemCustom;

function parseCurrentItem(item: ParserItem): FeedItem | null {
  const description = item.content ?? item.summary ?? '';
  const described = DESCRIPTION.exec(description);
  const idSource = item.guid ?? item.id ?? described?.[1] ?? item.link ?? '';
  const id = parseArxivId(idSource.replace(/^oai:arXiv\.org:/i, ''));
  if (!id.ok) return null;
  const categories = (item.rawCategories ?? []).map(categoryText).filter((c): c is string => c !== null);
  return {
    arxivId: id.id,
    version: id.version,
    title: collapseWhitespace(item.title ?? ''),
    authors: splitCreators(item.creator ?? ''),
    abstract: collapseWhitespace(described ? described[3]! : description),
    categories: [...new Set(categories)],
    announceType: toAnnounceType(item['arxiv:announce_type'] ?? described?.[2]),
    link: item.link ?? `https://arxiv.org/abs/${id.id}`,
    published: isoOrNull(item.isoDate ?? item.pubDate),
    doi: item.doi?.trim() || null,
    journalRef: item.journalRef ? collapseWhitespace(item.journalRef) : null,
  };
}

/** The categories an RDF channel lists, from its title `cs updates on arXiv.org`. */
function rdfChannelCategories(title: string | undefined): string[] {
  const m = /^(\S+) updates on arXiv\.org/i.exec(title ?? '');
  return m ? m[1]!.split('+') : [];
}

function parseRdfItem(item: ParserItem, channelCategories: string[]): FeedItem | null {
  const m = RDF_TITLE.exec(item.title ?? '');
  if (!m) return null;
  const [, title, idText, category, updated] = m;
  const id = parseArxivId(idText!);
  if (!id.ok) return null;
  // The bracketed category is the paper's primary one; outside the channel's own it is a cross-list.
  const inChannel =
    channelCategories.length === 0 || channelCategories.some((c) => category === c || category!.startsWith(`${c}.`));
  const announceType: AnnounceType = updated ? (inChannel ? 'replace' : 'replace-cross') : inChannel ? 'new' : 'cross';
  return {
    arxivId: id.id,
    version: id.version,
    title: collapseWhitespace(title!),
    authors: splitCreators(stripHtml(item.creator ?? '')),
    abstract: collapseWhitespace(stripHtml(item.content ?? '')),
    categories: [category!],
    announceType,
    link: item.link ?? `https://arxiv.org/abs/${id.id}`,
    published: null,
    doi: null,
    journalRef: null,
  };
}

export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const isRdf = /<rdf:RDF[\s>]/.test(xml.slice(0, 2000));
  let feed: Parser.Output<ParserItem> & FeedCustom;
  try {
    feed = (await createParser().parseString(xml)) as Parser.Output<ParserItem> & FeedCustom;
  } catch (error) {
    throw new PaperclubError(
      'upstream_failed',
      `arXiv feed is not a well-formed RSS/Atom document: ${collapseWhitespace(error instanceof Error ? error.message : String(error))}`,
      { retryable: true, reason: 'malformed_feed', bytes: xml.length },
      { cause: error },
    );
  }
  const channelCategories = isRdf ? rdfChannelCategories(feed.title) : [];
  const items: FeedItem[] = [];
  let skipped = 0;
  for (const raw of feed.items) {
    const item = isRdf ? parseRdfItem(raw, channelCategories) : parseCurrentItem(raw);
    if (item) items.push(item);
    else skipped++;
  }
  const feedDate = isoOrNull(feed.pubDate ?? feed.updated ?? feed['dc:date'] ?? feed.lastBuildDate);
  return { items, feedDate, skipped };
}
