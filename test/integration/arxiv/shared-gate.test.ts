import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createSharedArxivGate } from '../../../src/arxiv/shared-gate.ts';

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
