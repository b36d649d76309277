import { describe, expect, it } from 'vitest';
import { backoffDelay, withRetries, type RetryPolicy } from '../../../src/arxiv/retry.ts';

function policy(attempts: number): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return { attempts, baseDelayMs: 100, maxDelayMs: 250, slept, sleep: async (ms) => void slept.push(ms) };
}

describe('withRetries', () => {
  it('retries retryable failures with doubling, capped delays until one succeeds', async () => {
    const p = policy(5);
    let calls = 0;
    const result = await withRetries(p, () => true, async () => {
      calls++;
      if (calls < 4) throw new Error(`fail ${calls}`);
      return 'done';
    });
    expect(result).toBe('done');
    expect(p.slept).toEqual([100, 200, 250]);
  });

  it('gives up after the configured number of attempts with the last error', async () => {
    const p = policy(3);
    let calls = 0;
    await expect(
      withRetries(p, () => true, async () => {
        calls++;
        throw new Error(`fail ${calls}`);
      }),
    ).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });

  it('does not retry an error the predicate rejects', async () => {
    const p = policy(3);
    let calls = 0;
    await expect(
      withRetries(p, () => false, async () => {
        calls++;
        throw new Error('permanent');
      }),
    ).rejects.toThrow('permanent');
    expect(calls).toBe(1);
    expect(p.slept).toEqual([]);
  });

  it('computes exponential backoff', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay({ baseDelayMs: 1000, maxDelayMs: 5000 }, n))).toEqual([1000, 2000, 4000, 5000]);
  });
});
