/**
 * `paperclub enrich` against a local server replaying arXiv's recorded "no results" Atom answer:
 * the CLI asks the configured API for the library's arXiv ids, reports what came back and leaves
 * the cache file in the seeds directory (a copy: seeds/ itself is never written by tests).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../../helpers/http-fixture-server.ts';
import { ROOT, SEEDS_DIR, runCli } from './run-cli.ts';

const NO_RESULTS = readFileSync(join(ROOT, 'test/fixtures/arxiv/api-atom-idlist-no-results.xml'), 'utf8');
const USER_AGENT = 'paperclub-cli-test/1.0 (tests@example.org)';

let server: FixtureServer;
let seeds: string;

beforeAll(async () => {
  server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
    res.end(NO_RESULTS);
  });
  seeds = mkdtempSync(join(tmpdir(), 'paperclub-cli-seeds-'));
  cpSync(SEEDS_DIR, seeds, { recursive: true });
  rmSync(join(seeds, 'arxiv-cache.json'), { force: true });
});

afterAll(async () => {
  await server.close();
  rmSync(seeds, { recursive: true, force: true });
});

describe('paperclub enrich', { timeout: 60_000 }, () => {
  it('asks the configured arXiv API for the library ids, reports the answer and writes the cache', async () => {
    const env = { PAPERCLUB_SEEDS_DIR: seeds, ARXIV_API_URL: `${server.url}/api/query`, ARXIV_USER_AGENT: USER_AGENT };
    const first = await runCli(['enrich'], { env });
    expect(first.code).toBe(0);
    const requested = Number(/Asked arXiv for (\d+) papers, got metadata for 0\./.exec(first.stdout)?.[1]);
    expect(requested).toBeGreaterThan(0);
    expect(first.stdout).toMatch(/^arXiv does not know: \d{4}\.\d{4,5}/m);
    expect(first.stdout).toContain(`Cache: ${join(seeds, 'arxiv-cache.json')}`);
    expect(existsSync(join(seeds, 'arxiv-cache.json'))).toBe(true);

    expect(server.requests.length).toBeGreaterThan(0);
    const asked = server.requests.flatMap((r) => new URL(r.url, server.url).searchParams.get('id_list')?.split(',') ?? []);
    expect(asked).toHaveLength(requested);
    expect(asked).toContain('2201.11903');
    for (const request of server.requests) {
      expect(new URL(request.url, server.url).pathname).toBe('/api/query');
      expect(request.headers['user-agent']).toBe(USER_AGENT);
    }

    // The cache now records every id as unknown to arXiv: nothing left to ask.
    const before = server.requests.length;
    const second = await runCli(['enrich'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Nothing to fetch/);
    expect(server.requests.length).toBe(before);
  });
});
