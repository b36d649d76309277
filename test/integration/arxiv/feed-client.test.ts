import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { feedUrl, fetchFeed, type FetchFeedOptions } from '../../../src/arxiv/feed-client.ts';
import { isPaperclubError } from '../../../src/errors.ts';
import { startFixtureServer, type FixtureHandler, type FixtureServer } from '../../helpers/http-fixture-server.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/arxiv/', import.meta.url));
const RSS2 = readFileSync(`${FIXTURES}rss2-quant-ph-2025-04-28.xml`, 'utf8');
const ATOM = readFileSync(`${FIXTURES}rss-atom-cs.AI-2025-08-20-excerpt.xml`, 'utf8');
const ATOM_TRUNCATED = readFileSync(`${FIXTURES}rss-atom-cs.AI-2025-08-20-truncated.xml`, 'utf8');

const USER_AGENT = 'paperclub-test/1.0 (feed tests)';
const ETAG = '"quant-ph-2025-04-28"';
const LAST_MODIFIED = 'Mon, 28 Apr 2025 04:00:00 GMT';

let server: FixtureServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(handler: FixtureHandler): Promise<Omit<FetchFeedOptions, 'categories'>> {
  server = await startFixtureServer(handler);
  return { baseUrl: `${server.url}/rss/`, userAgent: USER_AGENT, timeoutMs: 2000 };
}

/** Serves the feed with validators, answering 304 to a matching conditional request. */
const conditionalFeed =
  (body: string, contentType = 'application/rss+xml; charset=utf-8'): FixtureHandler =>
  (req, res) => {
    if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
      res.writeHead(304, { etag: ETAG });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, etag: ETAG, 'last-modified': LAST_MODIFIED });
    res.end(body);
  };

describe('fetchFeed', () => {
  it('fetches and parses the RSS 2.0 feed, returning the validators', async () => {
    const base = await serve(conditionalFeed(RSS2));
    const result = await fetchFeed({ ...base, categories: ['quant-ph'] });
    if (result.status !== 'ok') throw new Error('expected a 200');
    expect(result.items).toHaveLength(81);
    expect(result.feedDate).toBe('2025-04-28T04:00:00.000Z');
    expect(result.validators).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED });
    expect(result.url).toBe(`${server!.url}/rss/quant-ph`);
    const [request] = server!.requests;
    expect(request!.url).toBe('/rss/quant-ph');
    expect(request!.headers['user-agent']).toBe(USER_AGENT);
    expect(request!.headers['if-none-match']).toBeUndefined();
  });

  it('sends the validators back and reports 304 as not modified', async () => {
    const base = await serve(conditionalFeed(RSS2));
    const first = await fetchFeed({ ...base, categories: ['quant-ph'] });
    const second = await fetchFeed({ ...base, categories: ['quant-ph'], validators: first.validators });
    expect(second).toEqual({ status: 'not_modified', validators: { etag: ETAG, lastModified: LAST_MODIFIED }, url: `${server!.url}/rss/quant-ph` });
    expect(server!.requests[1]!.headers['if-none-match']).toBe(ETAG);
    expect(server!.requests[1]!.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('treats a 304 as not modified without parsing its empty body', async () => {
    // Parsing the empty body would throw 'upstream_failed', so reaching the parser fails this test.
    const base = await serve((_req, res) => {
      res.writeHead(304, { 'last-modified': LAST_MODIFIED });
      res.end();
    });
    const result = await fetchFeed({ ...base, categories: ['cs.AI'], validators: { lastModified: LAST_MODIFIED } });
    expect(result.status).toBe('not_modified');
  });

  it('runs the request through the spacer it is given', async () => {
    const base = await serve(conditionalFeed(RSS2));
    let turns = 0;
    const spacer = {
      run<T>(task: () => Promise<T>): Promise<T> {
        turns++;
        return task();
      },
    };
    await fetchFeed({ ...base, categories: ['quant-ph'], spacer });
    await fetchFeed({ ...base, categories: ['quant-ph'], spacer });
    expect(turns).toBe(2);
    expect(server!.requests).toHaveLength(2);
  });

  it('combines categories with + and handles the Atom variant', async () => {
    const base = await serve(conditionalFeed(ATOM, 'application/atom+xml; charset=utf-8'));
    const result = await fetchFeed({ ...base, categories: ['cs.AI', 'cs.CL', 'cs.AI'] });
    expect(server!.requests[0]!.url).toBe('/rss/cs.AI+cs.CL');
    if (result.status !== 'ok') throw new Error('expected a 200');
    expect(result.items.map((i) => i.announceType)).toEqual(['cross', 'cross', 'cross', 'cross', 'cross', 'new', 'new']);
  });

  it('rejects a truncated download with a retryable parse error carrying the URL', async () => {
    const base = await serve(conditionalFeed(ATOM_TRUNCATED));
    const error = await fetchFeed({ ...base, categories: ['cs.AI'] }).catch((e: unknown) => e);
    expect(isPaperclubError(error)).toBe(true);
    if (!isPaperclubError(error)) return;
    expect(error.code).toBe('upstream_failed');
    expect(error.context).toMatchObject({ retryable: true, reason: 'malformed_feed', status: 200, url: `${server!.url}/rss/cs.AI` });
  });

  it('reports 503 as retryable with status and Retry-After', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(503, { 'retry-after': '120', 'content-type': 'text/html' });
      res.end('<html>down for maintenance</html>');
    });
    await expect(fetchFeed({ ...base, categories: ['cs.LG'] })).rejects.toMatchObject({
      code: 'upstream_failed',
      context: { status: 503, retryable: true, retryAfter: '120' },
    });
  });

  it('reports 404 (unknown category) as not retryable', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    await expect(fetchFeed({ ...base, categories: ['cs.XX'] })).rejects.toMatchObject({ context: { status: 404, retryable: false } });
  });

  it('times out a server that sends headers and then stalls mid-body', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write(RSS2.slice(0, 4000));
    });
    await expect(fetchFeed({ ...base, categories: ['quant-ph'], timeoutMs: 200 })).rejects.toMatchObject({
      code: 'upstream_failed',
      context: { reason: 'timeout', retryable: true },
    });
  });

  it('reports a refused connection as a retryable network failure', async () => {
    const base = await serve(conditionalFeed(RSS2));
    await server!.close();
    server = null;
    await expect(fetchFeed({ ...base, categories: ['quant-ph'] })).rejects.toMatchObject({
      code: 'upstream_failed',
      context: { reason: 'network', retryable: true },
    });
  });
});

describe('feedUrl', () => {
  it('joins categories with + under the base URL', () => {
    expect(feedUrl('https://rss.arxiv.org/rss', ['cs.AI', 'q-bio.NC', 'physics.comp-ph'])).toBe('https://rss.arxiv.org/rss/cs.AI+q-bio.NC+physics.comp-ph');
  });
  it('rejects an empty list and things that are not categories', () => {
    expect(() => feedUrl('https://rss.arxiv.org/rss', [])).toThrow(/at least one/);
    expect(() => feedUrl('https://rss.arxiv.org/rss', ['cs.AI', '../etc'])).toThrow(/Not arXiv categories: \.\.\/etc/);
  });
});
