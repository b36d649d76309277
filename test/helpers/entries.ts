/** The one PaperEntry builder for hand-built test entries: every field a neutral default, overrides win. */
import type { PaperEntry } from '../../src/library/types.ts';

/**
 * An entry with only what a test names. `kind` follows `arxivId` (an arXiv paper when it has one,
 * else a web page) unless given; lists are empty, everything else null.
 */
export function makeEntry(overrides: Partial<PaperEntry> & { id: string; title: string }): PaperEntry {
  return {
    kind: overrides.arxivId ? 'arxiv' : 'web',
    authors: [],
    year: null,
    date: null,
    arxivId: null,
    doi: null,
    links: [],
    aka: [],
    affiliation: null,
    tags: [],
    summary: [],
    takeaway: null,
    bibtex: null,
    readingOrder: null,
    abstract: null,
    categories: [],
    primaryCategory: null,
    sources: [],
    provenance: { source: 'reading-list' },
    ...overrides,
  };
}

