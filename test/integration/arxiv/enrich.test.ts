import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnrichmentCache } from '../../../src/library/metadata-files.ts';
import { enrichLibrary, type EnrichOptions } from '../../../src/arxiv/enrich.ts';
import { silentLogger } from '../../../src/log.ts';
import { startFixtureServer, type FixtureHandler, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import { makeEntry } from '../../helpers/entries.ts';
import { completeEntry } from '../../unit/arxiv/library-entries.ts';
import { RECORDED_ENTRIES, replayApi } from './api-replay.ts';

const USER_AGENT = 'paperclub-test/1.0 (enrichment tests)';

// A library as the importers leave it: arXiv papers with gaps, one complete paper, a web page, and
// a well-formed id the API does not know.
const library = {
  entries: [
    makeEntry({ id: '1707.08567', title: 'Proceedings of Workshop AEW10', arxivId: '1707.08567' }),
    makeEntry({ id: '2202.12139', title: 'Testing Deep Learning Models', arxivId: '2202.12139', year: 2022, authors: [{ given: 'Mohit Kumar', family: 'Ahuja' }] }),
    completeEntry('2005.14124', 'Already complete'),
    makeEntry({ id: 'lilian-weng-blog', title: 'A blog post' }),
    makeEntry({ id: '2401.00001', title: 'Not on arXiv', arxivId: '2401.00001' }),
  ],
};

let server: FixtureServer;
let seedsDir: string;

async function start(handler: FixtureHandler = replayApi): Promise<void> {
  server = await startFixtureServer(handler);
}

function options(overrides: Partial<EnrichOptions> = {}): EnrichOptions {
  return {
    library,
    seedsDir,
    apiUrl: `${server.url}/api/query`,
    userAgent: USER_AGENT,
    log: silentLogger(),
    minIntervalMs: 0,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    clock: { now: () => new Date('2026-04-13T10:00:00Z') },
    ...overrides,
  };
}

function requestedIds(): string[][] {
  return server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('id_list')!.split(','));
}

beforeEach(async () => {
  seedsDir = await mkdtemp(join(tmpdir(), 'paperclub-enrich-'));
});
afterEach(async () => {
  await server?.close();
  await rm(seedsDir, { recursive: true, force: true });
});

describe('enrichLibrary against a local arXiv API replay', () => {
  it('fetches only arXiv papers that lack metadata and writes the cache file', async () => {
    await start();
    const result = await enrichLibrary(options());
    expect(result).toEqual({
      requested: 3,
      fetched: 2,
      missing: ['2401.00001'],
      cacheFile: join(seedsDir, 'arxiv-cache.json'),
    });
    expect(requestedIds()).toEqual([['1707.08567', '2202.12139', '2401.00001']]);
    expect(server.requests[0]!.headers['user-agent']).toBe(USER_AGENT);

    const cache = await readEnrichmentCache(result.cacheFile);
    expect(cache).not.toBeNull();
    expect(cache!.updatedAt).toBe('2026-04-13T10:00:00.000Z');
    expect(Object.keys(cache!.entries)).toEqual(['1707.08567', '2202.12139']);
    expect(cache!.missing).toEqual(['2401.00001']);
    expect(cache!.entries['2202.12139']).toMatchObject({
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      published: '2022-02-24T15:05:19Z',
      categories: ['cs.SE', 'cs.LG'],
      doi: '10.1109/ICSTW55395.2022.00035',
    });
    expect(await readdir(seedsDir)).toEqual(['arxiv-cache.json']);
  });

  it('asks for nothing on a second run: cached and known-missing ids are skipped', async () => {
    await start();
    await enrichLibrary(options());
    const again = await enrichLibrary(options());
    expect(again).toMatchObject({ requested: 0, fetched: 0, missing: [] });
    expect(server.requests).toHaveLength(1);
  });

  it('refetches every arXiv paper with force, merging into the existing cache', async () => {
    await start();
    await enrichLibrary(options());
    const forced = await enrichLibrary(options({ force: true }));
    expect(forced).toMatchObject({ requested: 4, fetched: 3, missing: ['2401.00001'] });
    expect(requestedIds()[1]).toEqual(['1707.08567', '2202.12139', '2005.14124', '2401.00001']);
    const cache = await readEnrichmentCache(forced.cacheFile);
    expect(Object.keys(cache!.entries)).toEqual(['1707.08567', '2005.14124', '2202.12139']);
  });

  it('keeps entries of an existing cache that this library no longer lists', async () => {
    await start();
    await enrichLibrary(options({ library: { entries: [makeEntry({ id: '1812.11470', title: 'x', arxivId: '1812.11470' })] } }));
    await enrichLibrary(options());
    const cache = await readEnrichmentCache(join(seedsDir, 'arxiv-cache.json'));
    expect(Object.keys(cache!.entries)).toEqual(['1707.08567', '1812.11470', '2202.12139']);
  });

  it('batches a large library 100 ids a request and saves progress after each batch', async () => {
    const known = [...RECORDED_ENTRIES.keys()];
    const unknown = Array.from({ length: 189 }, (_, i) => `2402.${String(20000 + i)}`);
    const ids = [...known, ...unknown];
    let calls = 0;
    await start((req, res) => {
      calls++;
      if (calls === 2) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('bad request');
        return;
      }
      replayApi(req, res);
    });
    const big = { entries: ids.map((id) => makeEntry({ id, title: id, arxivId: id })) };
    await expect(enrichLibrary(options({ library: big }))).rejects.toMatchObject({ code: 'upstream_failed', context: { status: 400 } });
    // The first batch was written before the second failed.
    const partial = await readEnrichmentCache(join(seedsDir, 'arxiv-cache.json'));
    expect(Object.keys(partial!.entries).sort()).toEqual([...known].sort());
    expect(partial!.missing).toHaveLength(89);

    const resumed = await enrichLibrary(options({ library: big }));
    expect(resumed).toMatchObject({ requested: 100, fetched: 0 });
    expect(requestedIds().map((batch) => batch.length)).toEqual([100, 100, 100]);
    const cache = await readEnrichmentCache(join(seedsDir, 'arxiv-cache.json'));
    expect(cache!.missing).toHaveLength(189);
  });

  it('writes an empty cache when nothing needs enriching, so the library finds a file', async () => {
    await start();
    const result = await enrichLibrary(options({ library: { entries: [completeEntry('2005.14124', 'Complete')] } }));
    expect(result.requested).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(await readEnrichmentCache(result.cacheFile)).toEqual({ version: 1, updatedAt: '2026-04-13T10:00:00.000Z', entries: {}, missing: [] });
  });

  it('refuses to overwrite a corrupt cache', async () => {
    await start();
    await writeFile(join(seedsDir, 'arxiv-cache.json'), 'not json', 'utf8');
    await expect(enrichLibrary(options())).rejects.toMatchObject({ code: 'seed_unreadable' });
    expect(server.requests).toHaveLength(0);
  });
});
