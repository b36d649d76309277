import { afterEach, describe, expect, it } from 'vitest';
import { createArxivApiClient, type ArxivApiClientOptions } from '../../../src/arxiv/api-client.ts';
import { RequestSpacer } from '../../../src/arxiv/request-spacer.ts';
import { isPaperclubError } from '../../../src/errors.ts';
import { silentLogger } from '../../../src/log.ts';
import { startFixtureServer, type FixtureHandler, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import { RECORDED, RECORDED_ENTRIES, replayApi, replayExchange } from './api-replay.ts';

const USER_AGENT = 'paperclub-test/1.0 (integration tests; mailto:test@example.org)';
const noWait = { sleep: async () => undefined, baseDelayMs: 1, maxDelayMs: 1 };

let server: FixtureServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function clientFor(handler: FixtureHandler, options: Partial<ArxivApiClientOptions> = {}) {
  server = await startFixtureServer(handler);
  return createArxivApiClient({
    apiUrl: `${server.url}/api/query`,
    userAgent: USER_AGENT,
    log: silentLogger(),
    spacer: new RequestSpacer({ minIntervalMs: 0 }),
    retry: { attempts: 3, ...noWait },
    ...options,
  });
}

function query(url: string): URLSearchParams {
  return new URL(url, 'http://x').searchParams;
}

describe('arXiv API client over HTTP', () => {
  it('parses the recorded two-id reply and reports the id it skipped as missing', async () => {
    // The recorded reply to id_list=0808.05394,1707.08567 holds only 1707.08567: the API skips ids it
    // does not know. (0808.05394 itself is not a well-formed id, so we ask for a well-formed unknown one.)
    const client = await clientFor(replayExchange(RECORDED.twoIds));
    const result = await client.fetchByIds(['arXiv:0808.0539', 'https://arxiv.org/abs/1707.08567v1', '1707.08567']);
    expect(result.found.map((m) => m.arxivId)).toEqual(['1707.08567']);
    expect(result.found[0]).toMatchObject({ version: 1, primaryCategory: 'cs.IT', categories: ['cs.IT'] });
    // The recorded body holds this name as the recording client decoded it (see SOURCES.md).
    expect(result.found[0]!.authors.map((a) => a.name)).toContain('Dirk WÃ¼bben');
    expect(result.missing).toEqual(['0808.0539']);
    expect(result.invalid).toEqual([]);

    expect(server!.requests).toHaveLength(1);
    const [request] = server!.requests;
    expect(request!.method).toBe('GET');
    expect(request!.headers['user-agent']).toBe(USER_AGENT);
    expect(new URL(request!.url, 'http://x').pathname).toBe('/api/query');
    const params = query(request!.url);
    expect(params.get('id_list')).toBe('0808.0539,1707.08567');
    expect(params.get('max_results')).toBe('2');
    expect(params.get('start')).toBe('0');
  });

  it('reports an id with the wrong digit count for its month as invalid, unsent', async () => {
    const client = await clientFor(replayApi);
    const result = await client.fetchByIds(['0808.05394', '1707.08567']);
    expect(result.invalid).toEqual(['0808.05394']);
    expect(result.found.map((m) => m.arxivId)).toEqual(['1707.08567']);
    expect(query(server!.requests[0]!.url).get('id_list')).toBe('1707.08567');
  });

  it('returns nothing found for the recorded zero-result reply', async () => {
    const client = await clientFor(replayExchange(RECORDED.noResults));
    expect(await client.fetchByIds(['2401.00001'])).toEqual({ found: [], missing: ['2401.00001'], invalid: [] });
  });

  it('never sends inputs that are not arXiv ids', async () => {
    const client = await clientFor(replayApi);
    const result = await client.fetchByIds(['abc', '2202.12139']);
    expect(result.invalid).toEqual(['abc']);
    expect(result.found.map((m) => m.arxivId)).toEqual(['2202.12139']);
    expect(query(server!.requests[0]!.url).get('id_list')).toBe('2202.12139');
  });

  it('turns the API’s HTTP 400 error feed into a clear, non-retried error', async () => {
    const client = await clientFor(replayExchange(RECORDED.badId));
    const error = await client.fetchByIds(['2202.12139']).catch((e: unknown) => e);
    expect(isPaperclubError(error)).toBe(true);
    if (!isPaperclubError(error)) return;
    expect(error.code).toBe('upstream_failed');
    expect(error.message).toBe('arXiv API error: incorrect id format for abc');
    expect(error.context).toMatchObject({ status: 400, retryable: false, apiError: 'https://arxiv.org/api/errors#incorrect_id_format_for_abc' });
    expect(String(error.context['url'])).toContain('id_list=2202.12139');
    expect(server!.requests).toHaveLength(1);
  });

  it('splits long id lists into batches of at most 100, each asking for its own size', async () => {
    const client = await clientFor(replayApi);
    const known = [...RECORDED_ENTRIES.keys()];
    // 250 well-formed ids: the 11 recorded papers plus ids no recording has (the API skips those).
    const unknown = Array.from({ length: 239 }, (_, i) => `2401.${String(10000 + i)}`);
    const result = await client.fetchByIds([...unknown.slice(0, 120), ...known, ...unknown.slice(120)]);
    const batches = server!.requests.map((r) => query(r.url));
    expect(batches.map((p) => p.get('id_list')!.split(',').length)).toEqual([100, 100, 50]);
    expect(batches.map((p) => p.get('max_results'))).toEqual(['100', '100', '50']);
    expect(result.found.map((m) => m.arxivId).sort()).toEqual([...known].sort());
    expect(result.missing).toHaveLength(239);
  });

  it('waits the spacing interval between the starts of consecutive requests (virtual clock)', async () => {
    const timing = {
      t: 0,
      sleeps: [] as number[],
      now: () => timing.t,
      sleep: async (ms: number) => {
        timing.sleeps.push(ms);
        timing.t += ms;
      },
    };
    const client = await clientFor(replayApi, { spacer: new RequestSpacer({ minIntervalMs: 3000, timing }), batchSize: 2 });
    await client.fetchByIds(['1707.08567', '2202.12139', '2405.13786', '2005.14124', '2204.08348']);
    expect(server!.requests).toHaveLength(3);
    // The virtual clock stands still during real HTTP, so each later request waits the full interval.
    expect(timing.sleeps).toEqual([3000, 3000]);
  });

  it('retries a 503 and then succeeds', async () => {
    let calls = 0;
    const client = await clientFor((req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503, { 'retry-after': '1' });
        res.end('Service Unavailable');
        return;
      }
      replayApi(req, res);
    });
    const result = await client.fetchByIds(['1707.08567']);
    expect(result.found).toHaveLength(1);
    expect(server!.requests).toHaveLength(2);
  });

  it('gives up after the configured attempts on persistent 5xx, with url and status', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(502);
      res.end('Bad Gateway');
    });
    await expect(client.fetchByIds(['1707.08567'])).rejects.toMatchObject({
      code: 'upstream_failed',
      context: { status: 502, retryable: true },
    });
    expect(server!.requests).toHaveLength(3);
  });

  it('times out a server that never answers, and retries', async () => {
    const client = await clientFor(() => undefined, { timeoutMs: 150, retry: { attempts: 2, ...noWait } });
    const error = await client.fetchByIds(['1707.08567']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_failed', context: { reason: 'timeout', retryable: true } });
    expect(server!.requests).toHaveLength(2);
  });

  it('retries a body cut off mid-transfer (malformed Atom), then succeeds', async () => {
    let calls = 0;
    const client = await clientFor((req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        res.end(RECORDED.twoIds.body.slice(0, 1500));
        return;
      }
      replayApi(req, res);
    });
    const result = await client.fetchByIds(['1707.08567', '0808.05394']);
    expect(result.found.map((m) => m.arxivId)).toEqual(['1707.08567']);
    expect(server!.requests).toHaveLength(2);
  });

  it('rejects other 4xx statuses without retrying', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    });
    await expect(client.fetchByIds(['1707.08567'])).rejects.toMatchObject({ code: 'upstream_failed', context: { status: 404, retryable: false } });
    expect(server!.requests).toHaveLength(1);
  });
});
