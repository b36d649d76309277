/**
 * The JSON shapes other tools read (documented in docs/cli.md). Keep them stable: add fields, never
 * rename or remove one.
 */
import { primaryUrl } from '../citations/entry-url.ts';
import { authorName } from '../library/names.ts';
import type { PaperEntry } from '../library/types.ts';
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

/** An exported entry: the search-result fields plus the entry's own fields as the library holds them. */
export type ExportEntryJson = Omit<SearchResultJson, 'score'> &
  Pick<
    PaperEntry,
    | 'kind'
    | 'date'
    | 'links'
    | 'aka'
    | 'affiliation'
    | 'summary'
    | 'takeaway'
    | 'bibtex'
    | 'readingOrder'
    | 'abstract'
    | 'categories'
    | 'primaryCategory'
    | 'sources'
    | 'provenance'
  > & {
    /** True when the only author list known ends in "et al." (`authors` names the first few). */
    authorsTruncated: boolean;
  };

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
    sources: entry.sources.map((source) => ({ file: source.file, line: source.line, list: source.list })),
    authorsTruncated: entry.authorsTruncated === true,
    provenance: structuredClone(entry.provenance),
  };
}
