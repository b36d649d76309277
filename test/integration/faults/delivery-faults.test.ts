/**
 * The delivery fault suite (bench/faults/suite.ts) as a test: kill -9 cycles mid-delivery, posts that
 * succeed after the client gave up, dropped connections, a Redis restart and a blocked-then-resumed
 * channel, against fake Slack and Discord APIs that store what was posted. Nothing twice, nothing lost,
 * never two posts in one channel less than a second apart. `npm run bench -- delivery-faults` runs the
 * same suite and prints its figures (README, "Delivery under faults").
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULT_OPTIONS, runFaultSuite } from '../../../bench/faults/suite.ts';

describe('delivery under faults', () => {
  it('delivers every alert exactly once, at most one post a second per channel', async () => {
    const lines: string[] = [];
    const figures = await runFaultSuite({ ...DEFAULT_FAULT_OPTIONS, log: (line) => lines.push(line) });
    const report = `${JSON.stringify(figures, null, 2)}\n${lines.join('\n')}`;
    expect(figures.workers_killed, report).toBe(DEFAULT_FAULT_OPTIONS.kills);
    expect(figures.redis_restarts, report).toBe(1);
    expect(figures.duplicates, report).toBe(0);
    expect(figures.lost, report).toBe(0);
    expect(figures.unexpected, report).toBe(0);
    expect(figures.posted, report).toBe(figures.expected);
    expect(figures.min_gap_ms, report).toBeGreaterThanOrEqual(1000);
    expect(figures.abandoned_uncertain, report).toBe(0);
    // The faults were real: some outcomes were unknown and had to be resolved.
    expect(figures.found_by_lookup + figures.posted_via_nonce_repeat, report).toBeGreaterThan(0);
  }, 240_000);
});
