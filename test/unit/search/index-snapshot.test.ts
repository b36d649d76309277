import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, LIBRARY_SNAPSHOT } from '../../../scripts/build.mjs';
import { loadLibrary, type Library } from '../../../src/library/library.ts';
import { readLibrarySnapshot, seedsFingerprint } from '../../../src/library/snapshot.ts';
import { parseEvalQueries } from '../../../src/search/evaluate.ts';
import {
  decodeIndex,
  INDEX_SNAPSHOT_FILE,
  INDEX_SNAPSHOT_FORMAT,
  readIndexSnapshot,
  serializeIndexSnapshot,
  sha256,
  type IndexSnapshot,
} from '../../../src/search/index-snapshot.ts';
import { lazySearchIndex } from '../../../src/search/lazy-index.ts';
import { SearchIndex } from '../../../src/search/search-index.ts';

/**
 * The build saves the search index next to the library snapshot, and a process from dist/ loads it
 * instead of building it. A loaded index must answer exactly as a built one (same hits, same scores
 * to the last bit), and a saved index that is not the one the snapshot names, or not of the shape
 * this code reads, must be ignored, never half-used.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const SEEDS = path.join(ROOT, 'seeds');
const queries = parseEvalQueries(JSON.parse(readFileSync(path.join(ROOT, 'test', 'search-queries.json'), 'utf8'))).map((q) => q.query);
/** Beyond the query set: typos (fuzzy and doubled letters), prefixes, ids, pieces, stopwords only, nothing. */
const MORE_QUERIES = ['atention is all you ned', 'lamma 2', 'chinchila', 'flash attn', 'gpt-3', 'arXiv:2106.09685', '2106.09', 'the of and', '', 'zzzz qqqq'];

const work = mkdtempSync(path.join(tmpdir(), 'paperclub-index-snapshot-'));
let library: Library;
let built: SearchIndex;
/** What the build writes, read back as a process reads it. */
let saved: IndexSnapshot;

beforeAll(async () => {
  library = await loadLibrary({ seedsDir: SEEDS });
  built = new SearchIndex(library.entries);
  saved = deserialize(serializeIndexSnapshot(built.toSnapshot())) as IndexSnapshot;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every answer an index gives to the queries, with exact scores. */
function answers(index: SearchIndex): unknown[] {
  return [...queries, ...MORE_QUERIES].flatMap((query) => [
    index.search(query, { limit: 25 }).map((hit) => [hit.entry.id, hit.score]),
    index.suggest(query.slice(0, Math.max(1, Math.ceil(query.length / 2)))),
  ]);
}

/** The saved index with every score doubled: answers from it prove which data a search used. */
function doubled(): IndexSnapshot {
  return { ...saved, scores: saved.scores.map((score) => score * 2) };
}

/** Writes a saved index file; returns the reference a library snapshot would hold. */
function saveFile(name: string, snapshot: IndexSnapshot): { file: string; sha256: string } {
  const bytes = serializeIndexSnapshot(snapshot);
  const file = path.join(work, name);
  writeFileSync(file, bytes);
  return { file, sha256: sha256(bytes) };
}

describe('a saved search index', () => {
  it('answers every query exactly as the index it was saved from', () => {
    const loaded = SearchIndex.fromSnapshot(library.entries, saved);
    expect([loaded.origin, built.origin]).toEqual(['saved', 'built']);
    expect(answers(loaded)).toEqual(answers(built));
  });

  it('is what the loaded index scores with, not a reason to build another', () => {
    const hit = SearchIndex.fromSnapshot(library.entries, doubled()).search('lora', { limit: 1 })[0]!;
    const expected = built.search('lora', { limit: 1 })[0]!;
    expect(hit.entry.id).toBe(expected.entry.id);
    expect(hit.score).not.toBe(expected.score);
  });

  it('is ignored when it is not one for these entries and fields, or does not add up', () => {
    const { fields, documentCount } = saved;
    const broken: Array<[string, unknown]> = [
      ['no data', null],
      ['not an object', 'paperclub'],
      ['another format', { ...saved, format: 'paperclub-search-index/1' }],
      ['other fields', { ...saved, fields: [...fields].reverse() }],
      ['another library size', { ...saved, documentCount: documentCount + 1 }],
      ['the other byte order', { ...saved, byteOrder: saved.byteOrder === 'LE' ? 'BE' : 'LE' }],
      ['a term missing', { ...saved, terms: saved.terms.slice(1) }],
      ['a truncated array', { ...saved, scores: saved.scores.subarray(0, 40) }],
      ['an array of the wrong type', { ...saved, docs: Float64Array.from(saved.docs) }],
      ['an order of the wrong length', { ...saved, treeOrder: saved.treeOrder.subarray(1) }],
      ['offsets that end elsewhere', { ...saved, offsets: saved.offsets.map((o, i, all) => (i === all.length - 1 ? o - 1 : o)) }],
    ];
    for (const [why, data] of broken) {
      expect(decodeIndex(data, fields, documentCount), why).toBeNull();
    }
    expect(decodeIndex(saved, fields, documentCount)).not.toBeNull();
    // Ignored means built: the answers are still right.
    const fallback = SearchIndex.fromSnapshot(library.entries, { ...saved, format: 'paperclub-search-index/1' });
    expect(fallback.origin).toBe('built');
    expect(fallback.search('lora', { limit: 3 })).toEqual(built.search('lora', { limit: 3 }));
  });

  it('is read only when its file has the digest the library snapshot recorded', () => {
    const good = saveFile('good.v8', saved);
    expect(readIndexSnapshot(good)).toEqual(saved);
    expect(readIndexSnapshot({ ...good, sha256: sha256(Buffer.from('another build')) })).toBeNull();
    expect(readIndexSnapshot({ file: path.join(work, 'absent.v8'), sha256: good.sha256 })).toBeNull();
    const changed = Buffer.from(readFileSync(good.file));
    changed[changed.length - 3]! ^= 0xff;
    writeFileSync(path.join(work, 'changed.v8'), changed);
    expect(readIndexSnapshot({ file: path.join(work, 'changed.v8'), sha256: good.sha256 })).toBeNull();
  });

  it('is loaded by the lazy index the processes use, and ignored there when its digest is wrong', () => {
    const reference = built.search('lora', { limit: 1 })[0]!.score;
    const tampered = saveFile('doubled.v8', doubled());
    expect(lazySearchIndex(library.entries, tampered).search('lora', { limit: 1 })[0]!.score).not.toBe(reference);
    expect(lazySearchIndex(library.entries, { ...tampered, sha256: sha256(Buffer.from('x')) }).search('lora', { limit: 1 })[0]!.score).toBe(reference);
    expect(lazySearchIndex(library.entries, null).search('lora', { limit: 1 })[0]!.score).toBe(reference);
  });
});

describe('the build', () => {
  it('saves the index of the shipped library next to its snapshot, which names it by digest', async () => {
    // test/setup/build.ts has built dist/ for this run.
    const loaded = await readLibrarySnapshot(path.join(DIST, LIBRARY_SNAPSHOT), await seedsFingerprint(SEEDS));
    expect(loaded?.searchIndex?.file).toBe(path.join(DIST, INDEX_SNAPSHOT_FILE));
    const data = readIndexSnapshot(loaded!.searchIndex!) as IndexSnapshot;
    expect(data.format).toBe(INDEX_SNAPSHOT_FORMAT);
    expect(data).toEqual(saved);
  });
});
