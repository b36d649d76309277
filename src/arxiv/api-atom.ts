/**
 * Parses an arXiv Query API response (always Atom 1.0) into ArxivMetadata. Pure: no I/O.
 * The API reports errors as a feed with a single <entry> titled "Error" whose id is under
 * https://arxiv.org/api/errors; that comes back as `{ ok: false }`, not as an exception.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseArxivId } from '../library/arxiv-id.ts';
import type { ArxivMetadata } from '../library/metadata-files.ts';
import { collapseWhitespace } from './text.ts';

export type ApiAtomResult =
  | { ok: true; entries: ArxivMetadata[]; totalResults: number | null }
  | { ok: false; kind: 'api_error'; message: string; errorId: string }
  | { ok: false; kind: 'malformed'; message: string };

const ARRAY_TAGS = new Set(['entry', 'author', 'category', 'link', 'arxiv:affiliation']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: ids like 1707.08567 must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (tagName) => ARRAY_TAGS.has(tagName),
});

type XmlNode = Record<string, unknown>;

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return text((value as XmlNode)['#text']);
  return null;
}

function nodes(value: unknown): XmlNode[] {
  if (Array.isArray(value)) return value.filter((v): v is XmlNode => typeof v === 'object' && v !== null);
  return [];
}

function optionalText(value: unknown): string | null {
  const t = text(value);
  return t === null || t.trim() === '' ? null : collapseWhitespace(t);
}

export function parseApiAtom(xml: string): ApiAtomResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { ok: false, kind: 'malformed', message: `line ${valid.err.line}: ${valid.err.msg}` };
  }
  const doc = parser.parse(xml) as XmlNode;
  const feed = doc['feed'];
  if (!feed || typeof feed !== 'object') return { ok: false, kind: 'malformed', message: 'no Atom <feed> element' };
  const feedNode = feed as XmlNode;
  const entries = nodes(feedNode['entry']);

  const errorEntry = entries.find((entry) => (text(entry['id']) ?? '').includes('arxiv.org/api/errors'));
  if (errorEntry) {
    return {
      ok: false,
      kind: 'api_error',
      message: optionalText(errorEntry['summary']) ?? optionalText(errorEntry['title']) ?? 'unknown error',
      errorId: text(errorEntry['id']) ?? '',
    };
  }

  const total = text(feedNode['opensearch:totalResults']);
  const parsed: ArxivMetadata[] = [];
  for (const entry of entries) {
    const metadata = entryToMetadata(entry);
    if (metadata) parsed.push(metadata);
  }
  return { ok: true, entries: parsed, totalResults: total === null ? null : Number(total) };
}

function entryToMetadata(entry: XmlNode): ArxivMetadata | null {
  const idUrl = text(entry['id']);
  if (!idUrl) return null;
  const id = parseArxivId(idUrl);
  if (!id.ok) return null;
  const authors = nodes(entry['author']).flatMap((author) => {
    const name = optionalText(author['name']);
    if (!name) return [];
    const affiliations = (Array.isArray(author['arxiv:affiliation']) ? author['arxiv:affiliation'] : [])
      .map((a) => optionalText(a))
      .filter((a): a is string => a !== null);
    return [affiliations.length > 0 ? { name, affiliation: affiliations.join('; ') } : { name }];
  });
  const categories = nodes(entry['category'])
    .map((c) => text(c['@_term']))
    .filter((term): term is string => term !== null && term !== '');
  const primary = entry['arxiv:primary_category'];
  return {
    arxivId: id.id,
    version: id.version,
    title: optionalText(entry['title']) ?? '',
    authors,
    abstract: optionalText(entry['summary']) ?? '',
    published: text(entry['published']) ?? '',
    updated: text(entry['updated']) ?? '',
    categories: [...new Set(categories)],
    primaryCategory: primary && typeof primary === 'object' ? text((primary as XmlNode)['@_term']) : null,
    doi: optionalText(entry['arxiv:doi']),
    journalRef: optionalText(entry['arxiv:journal_ref']),
    comment: optionalText(entry['arxiv:comment']),
  };
}
