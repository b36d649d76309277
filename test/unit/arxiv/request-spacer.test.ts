import { describe, expect, it } from 'vitest';
import { RequestSpacer, type SpacerTiming } from '../../../src/arxiv/request-spacer.ts';
import { PaperclubError } from '../../../src/errors.ts';

/** A virtual clock: sleeping advances time instantly and is recorded. */
function virtualTiming(): SpacerTiming & { t: number; sleeps: number[] } {
  const timing = {
    t: 1_000_000,
    sleeps: [] as number[],
    now: () => timing.t,
    sleep: async (ms: number) => {
      timing.sleeps.push(ms);
      timing.t += ms;
    },
  };
  return timing;
}

describe('RequestSpacer', () => {
  it('spaces the starts of consecutive requests by the interval', async () => {
    const timing = virtualTiming();
    const spacer = new RequestSpacer({ minIntervalMs: 3000, timing });
    const starts: number[] = [];
    await Promise.all([1, 2, 3].map(() => spacer.run(async () => starts.push(timing.t))));
    expect(starts.map((s) => s - starts[0]!)).toEqual([0, 3000, 6000]);
  });

  it('measures from request starts: a slow request does not add a further wait', async () => {
    const timing = virtualTiming();
    const spacer = new RequestSpacer({ minIntervalMs: 3000, timing });
    await spacer.run(async () => {
      timing.t += 5000; // the request itself took 5 s
    });
    timing.sleeps.length = 0;
    await spacer.run(async () => undefined);
    expect(timing.sleeps).toEqual([]);
  });

  it('waits only for the rest of the interval', async () => {
    const timing = virtualTiming();
    const spacer = new RequestSpacer({ minIntervalMs: 3000, timing });
    await spacer.run(async () => undefined);
    timing.t += 1000;
    await spacer.run(async () => undefined);
    expect(timing.sleeps).toEqual([2000]);
  });

  it('runs one task at a time, in order, and a failure does not block the next', async () => {
    const timing = virtualTiming();
    const spacer = new RequestSpacer({ minIntervalMs: 10, timing });
    const order: string[] = [];
    const first = spacer.run(async () => {
      order.push('a');
      throw new Error('boom');
    });
    const second = spacer.run(async () => {
      order.push('b');
      return 'ok';
    });
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe('ok');
    expect(order).toEqual(['a', 'b']);
  });

  it('defaults to arXiv’s 3 seconds and rejects a negative interval', () => {
    expect(new RequestSpacer().minIntervalMs).toBe(3000);
    expect(() => new RequestSpacer({ minIntervalMs: -1 })).toThrow(RangeError);
  });
});

describe('RequestSpacer and Retry-After', () => {
  it('waits out the Retry-After a failed request carried before the next one starts', async () => {
    const timing = virtualTiming();
    const spacer = new RequestSpacer({ minIntervalMs: 3000, timing });
    const busy = new PaperclubError('upstream_failed', 'arXiv answered HTTP 503', { retryable: true, retryAfterMs: 20_000 });
    await expect(spacer.run(async () => Promise.reject(busy))).rejects.toBe(busy);
    const failedAt = timing.t;
    const started: number[] = [];
    await spacer.run(async () => started.push(timing.t));
    expect(started[0]! - failedAt).toBe(20_000);
  });
});
