import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseApiAtom } from '../../../src/arxiv/api-atom.ts';
import { emptyEnrichmentCache, mergeEnrichmentCache, writeEnrichmentCache } from '../../../src/arxiv/cache.ts';
import { readEnrichmentCache, type ArxivMetadata } from '../../../src/library/metadata-files.ts';
import { arxivFixture } from './fixtures.ts';

async function fixtureEntries(): Promise<ArxivMetadata[]> {
  const result = await parseApiAtom(arxivFixture('api-atom-search-testing-10.xml'));
  if (!result.ok) throw new Error(result.message);
  return result.entries;
}

describe('enrichment cache file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paperclub-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads null when there is no cache yet', async () => {
    expect(await readEnrichmentCache(join(dir, 'arxiv-cache.json'))).toBeNull();
  });

  it('round-trips a cache, sorted by id, leaving no temporary file behind', async () => {
    const path = join(dir, 'arxiv-cache.json');
    const [a, b] = await fixtureEntries();
    const cache = { version: 1 as const, updatedAt: '2026-01-01T00:00:00.000Z', entries: { [b!.arxivId]: b!, [a!.arxivId]: a! }, missing: ['0808.05394'] };
    await writeEnrichmentCache(path, cache);
    expect(await readEnrichmentCache(path)).toEqual(cache);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).entries)).toEqual([a!.arxivId, b!.arxivId].sort());
    expect(await readdir(dir)).toEqual(['arxiv-cache.json']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'arxiv-cache.json');
    const [a] = await fixtureEntries();
    await writeEnrichmentCache(path, { ...emptyEnrichmentCache(new Date(0)), entries: { [a!.arxivId]: a! } });
    await writeEnrichmentCache(path, emptyEnrichmentCache(new Date(1000)));
    expect(await readEnrichmentCache(path)).toEqual({ version: 1, updatedAt: '1970-01-01T00:00:01.000Z', entries: {}, missing: [] });
  });

  it('rejects a corrupt file with a coded error naming the file', async () => {
    const path = join(dir, 'arxiv-cache.json');
    await writeFile(path, '{"version": 1, "entries": {', 'utf8');
    await expect(readEnrichmentCache(path)).rejects.toMatchObject({ code: 'seed_unreadable', context: { path } });
  });

  it('rejects a file in another shape, saying which fields are wrong', async () => {
    const path = join(dir, 'arxiv-cache.json');
    await writeFile(path, JSON.stringify({ version: 2, updatedAt: 'x', entries: {}, missing: [] }), 'utf8');
    await expect(readEnrichmentCache(path)).rejects.toThrow(/does not match the arXiv cache format \(version:/);
  });

  it('reports a write into a missing directory as a coded error', async () => {
    await expect(writeEnrichmentCache(join(dir, 'nope', 'arxiv-cache.json'), emptyEnrichmentCache())).rejects.toMatchObject({
      code: 'seed_unreadable',
    });
  });
});

describe('mergeEnrichmentCache', () => {
  it('adds found papers, records missing ones, and drops ids from missing once found', async () => {
    const [a, b] = await fixtureEntries();
    const base = { version: 1 as const, updatedAt: '2020-01-01T00:00:00.000Z', entries: { [a!.arxivId]: a! }, missing: [b!.arxivId, '0808.05394'] };
    const merged = mergeEnrichmentCache(base, { found: [b!], missing: ['0000.00000'] }, new Date('2026-02-02T00:00:00Z'));
    expect(Object.keys(merged.entries).sort()).toEqual([a!.arxivId, b!.arxivId].sort());
    expect(merged.missing).toEqual(['0000.00000', '0808.05394']);
    expect(merged.updatedAt).toBe('2026-02-02T00:00:00.000Z');
  });

  it('keeps metadata it already has when a later reply skips that id', async () => {
    const [a] = await fixtureEntries();
    const base = { ...emptyEnrichmentCache(new Date(0)), entries: { [a!.arxivId]: a! } };
    const merged = mergeEnrichmentCache(base, { found: [], missing: [a!.arxivId] }, new Date(0));
    expect(merged.entries[a!.arxivId]).toEqual(a);
    expect(merged.missing).toEqual([]);
  });
});
