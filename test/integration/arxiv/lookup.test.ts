import { afterEach, describe, expect, it } from 'vitest';
import { createArxivApiClient } from '../../../src/arxiv/api-client.ts';
import { createArxivLookup } from '../../../src/arxiv/lookup.ts';
import { RequestSpacer } from '../../../src/arxiv/request-spacer.ts';
import { silentLogger } from '../../../src/log.ts';
import { startFixtureServer, type FixtureHandler, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import { replayApi } from './api-replay.ts';

let server: FixtureServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function lookupFor(handler: FixtureHandler = replayApi, maxEntries?: number) {
  server = await startFixtureServer(handler);
  const client = createArxivApiClient({
    apiUrl: `${server.url}/api/query`,
    userAgent: 'paperclub-test/1.0 (lookup tests)',
    log: silentLogger(),
    spacer: new RequestSpacer({ minIntervalMs: 0 }),
    retry: { attempts: 1 },
  });
  return createArxivLookup({ client, log: silentLogger(), maxEntries });
}

const idsAsked = () => server!.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('id_list'));

describe('ArxivLookup', () => {
  it('returns a library-shaped entry built from the API metadata', async () => {
    const lookup = await lookupFor();
    const entry = await lookup.lookup('https://arxiv.org/abs/2202.12139v1');
    expect(entry).toMatchObject({
      id: '2202.12139',
      kind: 'arxiv',
      arxivId: '2202.12139',
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      year: 2022,
      primaryCategory: 'cs.SE',
      sources: [],
    });
    expect(idsAsked()).toEqual(['2202.12139']);
  });

  it('answers repeated lookups (any id form) from memory', async () => {
    const lookup = await lookupFor();
    const first = await lookup.lookup('2202.12139');
    const second = await lookup.lookup('arXiv:2202.12139v1');
    expect(second).toEqual(first);
    expect(server!.requests).toHaveLength(1);
  });

  it('returns null for an id the API does not know, and remembers that too', async () => {
    const lookup = await lookupFor();
    expect(await lookup.lookup('2401.00001')).toBeNull();
    expect(await lookup.lookup('2401.00001')).toBeNull();
    expect(server!.requests).toHaveLength(1);
  });

  it('returns null without a request for text that is not an arXiv id', async () => {
    const lookup = await lookupFor();
    expect(await lookup.lookup('https://example.com/paper')).toBeNull();
    expect(server!.requests).toHaveLength(0);
  });

  it('shares one request between concurrent lookups of the same paper', async () => {
    const lookup = await lookupFor();
    const [a, b] = await Promise.all([lookup.lookup('1707.08567'), lookup.lookup('1707.08567v1')]);
    expect(a).toEqual(b);
    expect(server!.requests).toHaveLength(1);
  });

  it('evicts the least recently used paper once full', async () => {
    const lookup = await lookupFor(replayApi, 2);
    await lookup.lookup('1707.08567');
    await lookup.lookup('2202.12139');
    await lookup.lookup('1707.08567'); // hit: now the most recent
    await lookup.lookup('2405.13786'); // evicts 2202.12139
    await lookup.lookup('1707.08567'); // still cached
    await lookup.lookup('2202.12139'); // fetched again
    expect(idsAsked()).toEqual(['1707.08567', '2202.12139', '2405.13786', '2202.12139']);
  });

  it('does not cache failures: the next lookup asks again', async () => {
    let calls = 0;
    const lookup = await lookupFor((req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503);
        res.end();
        return;
      }
      replayApi(req, res);
    });
    await expect(lookup.lookup('1707.08567')).rejects.toMatchObject({ code: 'upstream_failed', context: { status: 503 } });
    expect(await lookup.lookup('1707.08567')).toMatchObject({ id: '1707.08567' });
    expect(server!.requests).toHaveLength(2);
  });
});
