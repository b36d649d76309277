/**
 * At most one message per interval into one channel, shared by every worker on every machine. BullMQ's
 * per-group rate limits are Pro-only, so each channel gets a Redis gate: `SET key NX PX interval`.
 * Whoever sets it may post now; everyone else learns how long the gate stays shut and delays the job
 * (moveToDelayed), so a busy channel never blocks a worker slot or other channels.
 */
import type { Redis } from 'ioredis';

export type GateResult = { open: true } | { open: false; retryInMs: number };

export async function passGate(redis: Redis, key: string, intervalMs: number): Promise<GateResult> {
  if (intervalMs <= 0) return { open: true };
  const set = await redis.set(key, '1', 'PX', intervalMs, 'NX');
  if (set === 'OK') return { open: true };
  const ttl = await redis.pttl(key);
  // The gate may expire between the two calls (ttl -2): try again almost at once.
  return { open: false, retryInMs: ttl > 0 ? ttl : 1 };
}

/** Keeps the gate shut for longer, e.g. after a 429 with Retry-After. */
export async function holdGate(redis: Redis, key: string, ms: number): Promise<void> {
  if (ms > 0) await redis.set(key, '1', 'PX', Math.ceil(ms));
}
