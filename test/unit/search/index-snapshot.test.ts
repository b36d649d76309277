import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, LIBRARY_SNAPSHOT } from '../../../scripts/build.mjs';
import { loadLibrary, type Library } from '../../../src/library/library.ts';
import { seedsFingerprint } from '../../../src/library/snapshot.ts';
import { parseEvalQueries } from '../../../src/search/evaluate.ts';
import { decodeIndex, INDEX_SNAPSHOT_FORMAT, type IndexSnapshot } from '../../../src/search/index-snapshot.ts';
import { SearchIndex } from '../../../src/search/search-index.ts';

/**
 * The build saves the search index with the library snapshot, and a process from dist/ loads it
 * instead of building it. A loaded index must answer exactly as a built one (same hits, same scores
 * to the last bit), and a saved index that does not fit must be ignored, never half-used.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const SEEDS = path.join(ROOT, 'seeds');
const queries = parseEvalQueries(JSON.parse(readFileSync(path.join(ROOT, 'test', 'search-queries.json'), 'utf8'))).map((q) => q.query);
/** Beyond the query set: typos (fuzzy and doubled letters), prefixes, ids, pieces, stopwords only, nothing. */
const MORE_QUERIES = ['atention is all you ned', 'lamma 2', 'chinchila', 'flash attn', 'gpt-3', 'arXiv:2106.09685', '2106.09', 'the of and', '', 'zzzz qqqq'];

let library: Library;
let built: SearchIndex;
/** What the build writes, read back as a process reads it: through JSON. */
let saved: IndexSnapshot;

beforeAll(async () => {
  library = await loadLibrary({ seedsDir: SEEDS });
  built = new SearchIndex(library.entries);
  saved = JSON.parse(JSON.stringify(built.toSnapshot())) as IndexSnapshot;
});

/** Every answer an index gives to the queries, with exact scores. */
function answers(index: SearchIndex): unknown[] {
  return [...queries, ...MORE_QUERIES].flatMap((query) => [
    index.search(query, { limit: 25 }).map((hit) => [hit.entry.id, hit.score]),
    index.suggest(query.slice(0, Math.max(1, Math.ceil(query.length / 2)))),
  ]);
}

describe('a saved search index', () => {
  it('answers every query exactly as the index it was saved from', () => {
    const loaded = SearchIndex.fromSnapshot(library.entries, saved);
    expect(answers(loaded)).toEqual(answers(built));
  });

  it('is what the loaded index scores with, not a reason to build another', () => {
    // Doubled scores in the saved data must show in the answers: proof the saved arrays are used.
    const scores = new Float64Array(Buffer.from(saved.scores, 'base64').buffer.slice(0));
    const doubled: IndexSnapshot = { ...saved, scores: Buffer.from(scores.map((s) => s * 2).buffer).toString('base64') };
    const hit = SearchIndex.fromSnapshot(library.entries, doubled).search('lora', { limit: 1 })[0]!;
    expect(hit.entry.id).toBe(built.search('lora', { limit: 1 })[0]!.entry.id);
    expect(hit.score).not.toBe(built.search('lora', { limit: 1 })[0]!.score);
  });

  it('is ignored when it is not one for these entries and fields, or does not add up', () => {
    const fields = saved.fields;
    const broken: Array<[string, unknown]> = [
      ['no data', null],
      ['not an object', 'paperclub'],
      ['another format', { ...saved, format: 'paperclub-search-index/0' }],
      ['other fields', { ...saved, fields: [...fields].reverse() }],
      ['another library size', { ...saved, documentCount: saved.documentCount + 1 }],
      ['the other byte order', { ...saved, byteOrder: saved.byteOrder === 'LE' ? 'BE' : 'LE' }],
      ['a term missing', { ...saved, terms: saved.terms.slice(1) }],
      ['a truncated array', { ...saved, scores: saved.scores.slice(0, 40) }],
      ['bytes that are not whole numbers', { ...saved, docs: Buffer.from([1, 2, 3]).toString('base64') }],
      ['offsets out of order', { ...saved, offsets: Buffer.from(Int32Array.from(new Int32Array(Buffer.from(saved.offsets, 'base64').buffer.slice(0)), (o, i) => (i === 5 ? 1e6 : o)).buffer).toString('base64') }],
      ['a document beyond the library', { ...saved, docs: Buffer.from(new Int32Array(Buffer.from(saved.docs, 'base64').buffer.slice(0)).map(() => saved.documentCount).buffer).toString('base64') }],
    ];
    for (const [why, data] of broken) {
      expect(decodeIndex(data, fields, saved.documentCount), why).toBeNull();
    }
    expect(decodeIndex(saved, fields, saved.documentCount)).not.toBeNull();
    // Ignored means built: the answers are still right.
    const fallback = SearchIndex.fromSnapshot(library.entries, { ...saved, format: 'paperclub-search-index/0' });
    expect(fallback.search('lora', { limit: 3 })).toEqual(built.search('lora', { limit: 3 }));
  });
});

describe('the build', () => {
  it('saves the index of the shipped library with its snapshot', async () => {
    // test/setup/build.ts has built dist/ for this run.
    const file = JSON.parse(readFileSync(path.join(DIST, LIBRARY_SNAPSHOT), 'utf8')) as { inputs: string; searchIndex: IndexSnapshot };
    expect(file.inputs).toBe(await seedsFingerprint(SEEDS));
    expect(file.searchIndex.format).toBe(INDEX_SNAPSHOT_FORMAT);
    expect(file.searchIndex).toEqual(saved);
  });
});
