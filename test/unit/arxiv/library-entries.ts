/** Library entries for enrichment tests, built with the shared makeEntry: only the fields enrichment reads vary. */
import type { PaperEntry } from '../../../src/library/types.ts';
import { makeEntry } from '../../helpers/entries.ts';

/** An entry whose data came from the arXiv API already (an earlier `enrich`): nothing to fetch. */
export function completeEntry(arxivId: string, title: string): PaperEntry {
  return makeEntry({
    id: arxivId,
    title,
    arxivId,
    authors: [{ given: 'Ada', family: 'Lovelace' }],
    year: 2020,
    date: '2020',
    abstract: 'An abstract.',
    categories: ['cs.LG'],
    provenance: { source: 'arxiv-api' },
  });
}
