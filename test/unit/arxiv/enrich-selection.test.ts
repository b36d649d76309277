import { describe, expect, it } from 'vitest';
import { idsToEnrich } from '../../../src/arxiv/enrich.ts';
import { emptyEnrichmentCache } from '../../../src/arxiv/cache.ts';
import { completeEntry } from './library-entries.ts';
import { makeEntry } from '../../helpers/entries.ts';

describe('idsToEnrich', () => {
  const entries = [
    makeEntry({ id: '1707.08567', title: 'AEW10', arxivId: '1707.08567' }),
    completeEntry('2106.09685', 'LoRA'),
    makeEntry({ id: 'a-blog-post', title: 'A blog post' }),
    makeEntry({ id: '0808.05394', title: 'Unknown', arxivId: '0808.05394' }),
    makeEntry({ id: '2202.12139', title: 'Testing DL', arxivId: '2202.12139' }),
  ];

  it('picks arXiv entries whose data did not come from the arXiv API, in library order', () => {
    expect(idsToEnrich(entries, null, false)).toEqual(['1707.08567', '0808.05394', '2202.12139']);
  });

  it('asks for a paper the compiled references describe completely: the API’s record is the reference', () => {
    const compiled = { ...completeEntry('1706.03762', 'Attention Is All You Need'), provenance: { source: 'compiled-references' as const, confidence: 'high' as const, dateFrom: 'id' as const, sources: [], notes: '' } };
    expect(idsToEnrich([compiled], null, false)).toEqual(['1706.03762']);
  });

  it('skips ids the cache already has or knows to be missing', () => {
    const cache = { ...emptyEnrichmentCache(), missing: ['0808.05394'] };
    cache.entries['1707.08567'] = {
      arxivId: '1707.08567',
      version: 1,
      title: 'AEW10',
      authors: [],
      abstract: '',
      published: '2017-07-27T08:18:33Z',
      updated: '2017-07-27T08:18:33Z',
      categories: ['cs.IT'],
      primaryCategory: 'cs.IT',
      doi: null,
      journalRef: null,
      comment: null,
    };
    expect(idsToEnrich(entries, cache, false)).toEqual(['2202.12139']);
  });

  it('takes every arXiv entry when forced', () => {
    const cache = { ...emptyEnrichmentCache(), missing: ['0808.05394'] };
    expect(idsToEnrich(entries, cache, true)).toEqual(['1707.08567', '2106.09685', '0808.05394', '2202.12139']);
  });
});
