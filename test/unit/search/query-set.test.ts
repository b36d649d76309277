import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary, type Library } from '../../../src/library/library.ts';
import { EVAL_QUERY_KINDS, meanReciprocalRank, parseEvalQueries } from '../../../src/search/evaluate.ts';
import { resolvePaper } from '../../../src/search/resolve.ts';
import { SearchIndex } from '../../../src/search/search-index.ts';

/** Search quality on the real library: the query set in test/search-queries.json, scored by MRR. */

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const queries = parseEvalQueries(JSON.parse(readFileSync(path.join(ROOT, 'test', 'search-queries.json'), 'utf8')));

let library: Library;
let index: SearchIndex;
beforeAll(async () => {
  library = await loadLibrary({ seedsDir: path.join(ROOT, 'seeds') });
  index = new SearchIndex(library.entries);
});

describe('the search query set', () => {
  it('has at least 60 queries covering every kind', () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(EVAL_QUERY_KINDS));
  });

  it('expects only papers the library holds', () => {
    const unknown = queries.filter((q) => library.get(q.expected) === undefined).map((q) => q.expected);
    expect(unknown).toEqual([]);
  });

  it('reaches MRR >= 0.9 on the real library', () => {
    const { mrr, misses } = meanReciprocalRank(index, queries);
    const lines = misses.map((m) => `  ${JSON.stringify(m.query)} → ${m.expected}: rank ${m.rank ?? '>10'}, top ${m.top.join(', ')}`);
    console.log(`MRR ${mrr.toFixed(4)} over ${queries.length} queries; ${misses.length} not first${lines.length ? `:\n${lines.join('\n')}` : ''}`);
    expect(mrr).toBeGreaterThanOrEqual(0.9);
  });

  it('finds papers by author and by abstract words', () => {
    for (const kind of ['author', 'abstract'] as const) {
      const set = queries.filter((q) => q.kind === kind);
      expect(set.length, kind).toBeGreaterThanOrEqual(12);
      expect(meanReciprocalRank(index, set).misses, kind).toEqual([]);
    }
  });

  it('ranks every query first, so no query the set held before authors and abstracts got worse', () => {
    expect(meanReciprocalRank(index, queries).misses.map((m) => m.query)).toEqual([]);
  });

  it('ranks every id-form query first', () => {
    const ids = queries.filter((q) => q.kind === 'id');
    expect(meanReciprocalRank(index, ids).misses).toEqual([]);
  });
});

describe('resolvePaper on the real library', () => {
  it.each([
    ['2106.09685', '2106.09685'],
    ['https://arxiv.org/pdf/2309.11235.pdf', '2309.11235'],
    ['10.48550/arXiv.2305.14314', '2305.14314'],
    ['one rank is all you need', '2106.09685'],
    ['chinchila', '2203.15556'],
  ])('%s → %s', (input, expected) => {
    expect(resolvePaper(library, index, input)?.id).toBe(expected);
  });

  it('resolves a web entry by its library id and returns null for an unknown arXiv id', () => {
    const web = library.entries.find((e) => e.kind === 'web')!;
    expect(resolvePaper(library, index, web.id)).toBe(web);
    expect(resolvePaper(library, index, 'arXiv:2401.99999')).toBeNull();
    expect(resolvePaper(library, index, 'arXiv:1999.99999')).toBeNull();
  });
});
