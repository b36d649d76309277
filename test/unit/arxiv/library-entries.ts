/** Builds library entries for enrichment tests: only the fields enrichment reads vary. */
import type { PaperEntry } from '../../../src/library/types.ts';

export function paperEntry(overrides: Partial<PaperEntry> & Pick<PaperEntry, 'id' | 'title'>): PaperEntry {
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
    sources: [{ file: 'reading-list.md', line: 1 }],
    ...overrides,
  };
}

/** An entry that already has everything enrichment could add. */
export function completeEntry(arxivId: string, title: string): PaperEntry {
  return paperEntry({
    id: arxivId,
    title,
    arxivId,
    authors: [{ given: 'Ada', family: 'Lovelace' }],
    year: 2020,
    date: '2020',
    abstract: 'An abstract.',
    categories: ['cs.LG'],
  });
}
