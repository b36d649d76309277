/** Small, exact statistics over timing samples (milliseconds). */

/** The q-quantile (0..1) by the nearest-rank method: p99 of 200 samples is the 198th smallest. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** Wall-clock milliseconds of one synchronous call, with its result (so the work cannot be optimised away). */
export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Rounds for display and JSON: three significant decimals is plenty for milliseconds. */
export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
