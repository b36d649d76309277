/**
 * Parses an arXiv Query API response (always Atom 1.0) into ArxivMetadata. Pure: no I/O.
 * The API reports errors as a feed with a single <entry> titled "Error" whose id is under
 * https://arxiv.org/api/errors; that comes back as `{ ok: false }`, not as an exception.
 */
import type Parser from 'rss-parser';
import { parseArxivId } from '../library/arxiv-id.ts';
import type { ArxivMetadata } from '../library/metadata-files.ts';
import { collapseWhitespace } from './text.ts';

export type ApiAtomResult =
  | { ok: true; entries: ArxivMetadata[]; totalResults: number | null }
  | { ok: false; kind: 'api_error'; message: string; errorId: string }
  | { ok: false; kind: 'malformed'; message: string };

/**
 * The same XML stack as the listing feeds (rss-parser over xml2js), so the project has one. rss-parser's
 * own Atom fields keep only the first author and no attributes, so every field is taken raw
 * (`keepArray`): xml2js gives each element as an array of its occurrences, a text-only element as a
 * string, an element with attributes as `{ _: text, $: attributes }`, one with children as an object.
 */
type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };

interface RawEntry {
  rawId?: XmlNode[];
  rawTitle?: XmlNode[];
  rawSummary?: XmlNode[];
  rawAuthors?: XmlNode[];
  rawCategories?: XmlNode[];
  rawPrimary?: XmlNode[];
  rawPublished?: XmlNode[];
  rawUpdated?: XmlNode[];
  rawDoi?: XmlNode[];
  rawJournalRef?: XmlNode[];
  rawComment?: XmlNode[];
}

const raw = (from: string, to: keyof RawEntry): [string, string, { keepArray: true }] => [from, to, { keepArray: true }];

type ApiFeed = { 'opensearch:totalResults'?: string };

const PARSER_OPTIONS: Parser.ParserOptions<ApiFeed, RawEntry> = {
  customFields: {
    feed: ['opensearch:totalResults'],
    item: [
      raw('id', 'rawId'),
      raw('title', 'rawTitle'),
      raw('summary', 'rawSummary'),
      raw('author', 'rawAuthors'),
      raw('category', 'rawCategories'),
      raw('arxiv:primary_category', 'rawPrimary'),
      raw('published', 'rawPublished'),
      raw('updated', 'rawUpdated'),
      raw('arxiv:doi', 'rawDoi'),
      raw('arxiv:journal_ref', 'rawJournalRef'),
      raw('arxiv:comment', 'rawComment'),
    ],
  },
};

type ApiParser = Parser<ApiFeed, RawEntry>;

// rss-parser (with xml2js) loads with the first API answer: a bot that never looks a paper up on
// arXiv does not carry it at start-up.
let loadingParser: Promise<ApiParser> | undefined;
const apiParser = (): Promise<ApiParser> =>
  (loadingParser ??= import('rss-parser').then(({ default: RssParser }) => new RssParser<ApiFeed, RawEntry>(PARSER_OPTIONS)));

/** An Atom document's root element is <feed> (after the XML declaration and comments). */
const ATOM_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<feed[\s>]/;

function text(node: unknown): string | null {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && typeof (node as { _?: unknown })._ === 'string') return (node as { _: string })._;
  return null;
}

function firstText(nodes: unknown[] | undefined): string | null {
  return text(nodes?.[0]);
}

function optionalText(nodes: unknown[] | undefined): string | null {
  const t = firstText(nodes);
  return t === null || t.trim() === '' ? null : collapseWhitespace(t);
}

function attribute(node: unknown, name: string): string | null {
  if (!node || typeof node !== 'object') return null;
  return (node as { $?: Record<string, string> }).$?.[name] ?? null;
}

function children(node: unknown, name: string): unknown[] | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as Record<string, unknown>)[name];
  return Array.isArray(value) ? value : undefined;
}

export async function parseApiAtom(xml: string): Promise<ApiAtomResult> {
  const parser = await apiParser();
  let feed: Awaited<ReturnType<ApiParser['parseString']>>;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    return { ok: false, kind: 'malformed', message: collapseWhitespace(error instanceof Error ? error.message : String(error)) };
  }
  if (!ATOM_ROOT.test(xml)) return { ok: false, kind: 'malformed', message: 'no Atom <feed> element' };
  const entries = feed.items;

  const errorEntry = entries.find((entry) => (firstText(entry.rawId) ?? '').includes('arxiv.org/api/errors'));
  if (errorEntry) {
    return {
      ok: false,
      kind: 'api_error',
      message: optionalText(errorEntry.rawSummary) ?? optionalText(errorEntry.rawTitle) ?? 'unknown error',
      errorId: firstText(errorEntry.rawId) ?? '',
    };
  }

  const total = feed['opensearch:totalResults'];
  const parsed: ArxivMetadata[] = [];
  for (const entry of entries) {
    const metadata = entryToMetadata(entry);
    if (metadata) parsed.push(metadata);
  }
  return { ok: true, entries: parsed, totalResults: total === undefined ? null : Number(total) };
}

function entryToMetadata(entry: RawEntry): ArxivMetadata | null {
  const idUrl = firstText(entry.rawId);
  if (!idUrl) return null;
  const id = parseArxivId(idUrl);
  if (!id.ok) return null;
  const authors = (entry.rawAuthors ?? []).flatMap((author) => {
    const name = optionalText(children(author, 'name'));
    if (!name) return [];
    const affiliations = (children(author, 'arxiv:affiliation') ?? [])
      .map((a) => optionalText([a]))
      .filter((a): a is string => a !== null);
    return [affiliations.length > 0 ? { name, affiliation: affiliations.join('; ') } : { name }];
  });
  const categories = (entry.rawCategories ?? [])
    .map((c) => attribute(c, 'term'))
    .filter((term): term is string => term !== null && term !== '');
  return {
    arxivId: id.id,
    version: id.version,
    title: optionalText(entry.rawTitle) ?? '',
    authors,
    abstract: optionalText(entry.rawSummary) ?? '',
    published: firstText(entry.rawPublished) ?? '',
    updated: firstText(entry.rawUpdated) ?? '',
    categories: [...new Set(categories)],
    primaryCategory: attribute(entry.rawPrimary?.[0], 'term'),
    doi: optionalText(entry.rawDoi),
    journalRef: optionalText(entry.rawJournalRef),
    comment: optionalText(entry.rawComment),
  };
}
