/**
 * The enrichment cache: arXiv API metadata written by `paperclub enrich` to seeds/arxiv-cache.json and
 * read by the library at start, so the bot fills missing fields without the network. It belongs to the
 * library (which reads it); src/arxiv fills it, so the arrow runs one way: arxiv → library.
 */
export const ENRICHMENT_CACHE_FILE = 'arxiv-cache.json';

export interface ArxivMetadata {
  arxivId: string;
  /** Latest version number the API returned. */
  version: number | null;
  title: string;
  authors: Array<{ name: string; affiliation?: string }>;
  abstract: string;
  /** v1 submission date, ISO 8601. */
  published: string;
  /** This version's date, ISO 8601. */
  updated: string;
  categories: string[];
  primaryCategory: string | null;
  /** A journal DOI from the API (not the arXiv DOI), when there is one. */
  doi: string | null;
  journalRef: string | null;
  comment: string | null;
}

export interface EnrichmentCache {
  version: 1;
  /** When the cache was last written, ISO 8601. */
  updatedAt: string;
  /** Keyed by versionless arXiv id. Ids the API did not know are listed in `missing`. */
  entries: Record<string, ArxivMetadata>;
  missing: string[];
}
