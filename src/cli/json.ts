/**
 * The JSON shapes other tools read (documented in docs/cli.md). Keep them stable: add fields, never
 * rename or remove one.
 */
import { primaryUrl } from '../citations/entry-url.ts';
import { authorName } from '../library/names.ts';
import type { EntryKind, Link, PaperEntry, SourceRef } from '../library/types.ts';
import type { SearchHit } from '../search/search-index.ts';

export interface SearchResultJson {
  id: string;
  arxivId: string | null;
  doi: string | null;
  title: string;
  /** Display names, "Given Family", organisations as written. */
  authors: string[];
  year: number | null;
  url: string | null;
  tags: string[];
  score: number;
}

export interface ExportEntryJson extends Omit<SearchResultJson, 'score'> {
  kind: EntryKind;
  date: string | null;
  links: Link[];
  aka: string[];
  affiliation: string | null;
  summary: string[];
  takeaway: string | null;
  bibtex: string | null;
  readingOrder: number | null;
  abstract: string | null;
  categories: string[];
  primaryCategory: string | null;
  sources: SourceRef[];
}

/** Scores are relative ranks, not probabilities; three decimals keep output readable and diffable. */
const roundScore = (score: number): number => Math.round(score * 1000) / 1000;

/** The fields a search result and an exported entry share, in the order they are printed. */
function commonJson(entry: PaperEntry): Omit<SearchResultJson, 'score'> {
  return {
    id: entry.id,
    arxivId: entry.arxivId,
    doi: entry.doi,
    title: entry.title,
    authors: entry.authors.map(authorName),
    year: entry.year,
    url: primaryUrl(entry),
    tags: [...entry.tags],
  };
}

export function toSearchResultJson(hit: SearchHit): SearchResultJson {
  return { ...commonJson(hit.entry), score: roundScore(hit.score) };
}

export function toExportJson(entry: PaperEntry): ExportEntryJson {
  return {
    ...commonJson(entry),
    kind: entry.kind,
    date: entry.date,
    links: entry.links.map((link) => ({ ...link })),
    aka: [...entry.aka],
    affiliation: entry.affiliation,
    summary: [...entry.summary],
    takeaway: entry.takeaway,
    bibtex: entry.bibtex,
    readingOrder: entry.readingOrder,
    abstract: entry.abstract,
    categories: [...entry.categories],
    primaryCategory: entry.primaryCategory,
    sources: entry.sources.map((source) => ({ file: source.file, line: source.line })),
  };
}
