import { describe, expect, it } from 'vitest';
import type { PaperEntry } from '../../../src/library/types.ts';
import { meanReciprocalRank, parseEvalQueries } from '../../../src/search/evaluate.ts';
import { resolvePaper, type PaperLookup } from '../../../src/search/resolve.ts';
import { SearchIndex } from '../../../src/search/search-index.ts';
import { SAMPLE } from './fixtures.ts';

const index = new SearchIndex(SAMPLE);

/** A lookup that knows only library ids and bare arXiv ids, so the tests show which path answered. */
function lookup(entries: readonly PaperEntry[]): PaperLookup & { calls: string[] } {
  const calls: string[] = [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    calls,
    get: (id) => byId.get(id),
    lookup: (idLike) => {
      calls.push(idLike);
      return entries.find((e) => e.arxivId !== null && idLike.includes(e.arxivId));
    },
  };
}

describe('resolvePaper', () => {
  it('prefers the library lookup for ids in any form', () => {
    const lib = lookup(SAMPLE);
    expect(resolvePaper(lib, index, ' arXiv:2106.09685v3 ')?.id).toBe('2106.09685');
    expect(lib.calls).toEqual(['arXiv:2106.09685v3']);
  });

  it('falls back to the best search hit', () => {
    expect(resolvePaper(lookup(SAMPLE), index, 'chinchila')?.id).toBe('2203.15556');
    expect(resolvePaper(lookup(SAMPLE), index, 'one rank is all you need')?.id).toBe('2106.09685');
  });

  it('returns null for blank input, unknown ids and queries that match nothing', () => {
    expect(resolvePaper(lookup(SAMPLE), index, '   ')).toBeNull();
    expect(resolvePaper(lookup(SAMPLE), index, '2401.99999')).toBeNull();
    expect(resolvePaper(lookup(SAMPLE), index, 'zzzz qqqq')).toBeNull();
  });
});

describe('meanReciprocalRank', () => {
  it('is 1 when every expected paper comes first', () => {
    const result = meanReciprocalRank(index, [
      { query: 'lora', expected: '2106.09685', kind: 'acronym' },
      { query: 'rafailov', expected: '2305.18290', kind: 'author' },
    ]);
    expect(result).toEqual({ mrr: 1, misses: [] });
  });

  it('averages reciprocal ranks and reports the misses with what won instead', () => {
    const second = index.search('lora', { limit: 2 })[1]!.entry.id;
    const result = meanReciprocalRank(index, [
      { query: 'lora', expected: '2106.09685', kind: 'acronym' },
      { query: 'lora', expected: second, kind: 'acronym' },
      { query: 'lora', expected: '2312.00752', kind: 'acronym' },
    ]);
    expect(result.mrr).toBeCloseTo((1 + 1 / 2 + 0) / 3, 10);
    expect(result.misses).toEqual([
      { query: 'lora', expected: second, rank: 2, top: ['2106.09685', second] },
      { query: 'lora', expected: '2312.00752', rank: null, top: ['2106.09685', second] },
    ]);
  });

  it('counts a hit below `depth` as a miss', () => {
    const second = index.search('lora', { limit: 2 })[1]!.entry.id;
    expect(meanReciprocalRank(index, [{ query: 'lora', expected: second, kind: 'acronym' }], 1).mrr).toBe(0);
  });

  it('is 0 for an empty query set rather than NaN', () => {
    expect(meanReciprocalRank(index, []).mrr).toBe(0);
  });
});

describe('parseEvalQueries', () => {
  it('accepts a well-formed set', () => {
    const set = [{ query: 'lora', expected: '2106.09685', kind: 'acronym' }];
    expect(parseEvalQueries(set)).toEqual(set);
  });

  it.each([
    [{ query: 'lora', expected: '2106.09685', kind: 'guess' }],
    [{ query: '', expected: '2106.09685', kind: 'acronym' }],
    [{ query: 'lora', kind: 'acronym' }],
    [{ query: 'lora', expected: '2106.09685', kind: 'acronym', extra: 1 }],
  ])('rejects a malformed set with a bad_format error', (...set) => {
    expect(() => parseEvalQueries(set)).toThrow(expect.objectContaining({ code: 'bad_format' }));
  });
});
