import { describe, expect, it } from 'vitest';
import { idsToEnrich, needsEnrichment } from '../../../src/arxiv/enrich.ts';
import { emptyEnrichmentCache } from '../../../src/library/enrichment-cache.ts';
import { completeEntry } from './library-entries.ts';
import { makeEntry } from '../../helpers/entries.ts';

describe('needsEnrichment', () => {
  const full = completeEntry('2106.09685', 'LoRA');
  it('is false for an entry with authors, a date, an abstract and categories', () => {
    expect(needsEnrichment(full)).toBe(false);
  });
  it('is true when any one of them is missing', () => {
    expect(needsEnrichment({ ...full, authors: [] })).toBe(true);
    expect(needsEnrichment({ ...full, year: null, date: null })).toBe(true);
    expect(needsEnrichment({ ...full, abstract: null })).toBe(true);
    expect(needsEnrichment({ ...full, abstract: '' })).toBe(true);
    expect(needsEnrichment({ ...full, categories: [] })).toBe(true);
  });
  it('counts a year alone as a date', () => {
    expect(needsEnrichment({ ...full, date: null })).toBe(false);
  });
});

describe('idsToEnrich', () => {
  const entries = [
    makeEntry({ id: '1707.08567', title: 'AEW10', arxivId: '1707.08567' }),
    completeEntry('2106.09685', 'LoRA'),
    makeEntry({ id: 'a-blog-post', title: 'A blog post' }),
    makeEntry({ id: '0808.05394', title: 'Unknown', arxivId: '0808.05394' }),
    makeEntry({ id: '2202.12139', title: 'Testing DL', arxivId: '2202.12139' }),
  ];

  it('picks arXiv entries that lack metadata, in library order', () => {
    expect(idsToEnrich(entries, null, false)).toEqual(['1707.08567', '0808.05394', '2202.12139']);
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
