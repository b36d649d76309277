import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { createSharedArxivGate } from '../../../src/arxiv/shared-gate.ts';
import { fetchFeed } from '../../../src/arxiv/feed-client.ts';
import { requestedWaitMs } from '../../../src/arxiv/http.ts';
import { startFixtureServer } from '../../helpers/http-fixture-server.ts';

const key = `pc-gate-${randomUUID()}:arxiv:last-request`;
const redis = new Redis('redis://127.0.0.1:6379');

afterAll(async () => {
  await redis.del(key);
  await redis.quit();
});

describe('shared arXiv gate', () => {
  it('spaces request starts across independent gates (as on different machines) by the interval', async () => {
    const interval = 400;
    // Two gates with separate connections stand for two processes.
    const other = new Redis('redis://127.0.0.1:6379');
    const gates = [createSharedArxivGate({ redis, key, minIntervalMs: interval }), createSharedArxivGate({ redis: other, key, minIntervalMs: interval })];
    const starts: number[] = [];
    // The slot each task was granted, as stamped by Redis's clock in the gate's script. The interval is
    // long next to this read, so no other task can have taken the next slot yet.
    const timeOf = async (): Promise<void> => {
      starts.push(Number(await redis.get(key)));
    };
    await Promise.all(Array.from({ length: 6 }, (_, i) => gates[i % 2]!.run(timeOf)));
    await other.quit();

    starts.sort((a, b) => a - b);
    expect(new Set(starts).size).toBe(6);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(interval);
  });

  it('passes a task failure through and frees the queue for the next task', async () => {
    const gate = createSharedArxivGate({ redis, key, minIntervalMs: 10 });
    await expect(gate.run(async () => Promise.reject(new Error('arXiv said 503')))).rejects.toThrow('arXiv said 503');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});

describe('shared arXiv gate and Retry-After', () => {
  it('keeps every process from asking arXiv again before a 503\'s Retry-After has passed', async () => {
    const gateKey = `pc-gate-${randomUUID()}:arxiv:last-request`;
    const other = new Redis('redis://127.0.0.1:6379');
    let calls = 0;
    const arrivals: number[] = [];
    const server = await startFixtureServer((_req, res) => {
      arrivals.push(Date.now());
      calls += 1;
      if (calls === 1) res.writeHead(503, { 'retry-after': '1' }).end('busy');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(readFileSync(new URL('../../fixtures/arxiv/rss2-quant-ph-2025-04-28.xml', import.meta.url), 'utf8'));
    });
    try {
      const gates = [createSharedArxivGate({ redis, key: gateKey, minIntervalMs: 50 }), createSharedArxivGate({ redis: other, key: gateKey, minIntervalMs: 50 })];
      const fetchWith = (i: number) => fetchFeed({ baseUrl: `${server.url}/rss`, categories: ['quant-ph'], userAgent: 'paperclub-tests', spacer: gates[i]! });
      const first = await fetchWith(0).catch((e: unknown) => e);
      expect(requestedWaitMs(first)).toBe(1000);
      // Another process asks next: it waits out arXiv's second, not just the 50 ms interval.
      const second = await fetchWith(1);
      expect(second.status).toBe('ok');
      expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
    } finally {
      await server.close();
      await redis.del(gateKey);
      await other.quit();
    }
  });
});
