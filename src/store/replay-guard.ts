/**
 * ReplayGuard implementations. With Redis, `SET <prefix>:replay:<key> 1 PX <ttl> NX`: exactly one
 * process of the deployment sees a given signed request as new, whichever machine it reaches. Without
 * Redis (lookups-only mode) or while Redis does not answer, an in-process memory guard takes over: it
 * still stops replays to this process, which is the only one serving requests in that mode.
 */
import type { Redis } from 'ioredis';
import type { ReplayGuard } from '../ports.ts';

/** At most this many remembered keys in memory; the oldest go first (they expire first anyway). */
const MEMORY_LIMIT = 100_000;

export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstSeen(key, ttlMs) {
      const at = now();
      const until = seen.get(key);
      if (until !== undefined && until > at) return false;
      seen.delete(key);
      seen.set(key, at + ttlMs);
      // Insertion order is expiry order for a constant ttl: drop expired and overflowing keys from the front.
      for (const [old, expires] of seen) {
        if (expires > at && seen.size <= MEMORY_LIMIT) break;
        seen.delete(old);
      }
      return true;
    },
  };
}

export interface RedisReplayGuardOptions {
  /** The deployment's Redis, or null while there is none (checked on every call: it can come back). */
  redis: () => Redis | null;
  prefix: string;
  /** Called when Redis failed and the memory guard answered instead. */
  onFallback?: (error: unknown) => void;
}

export function redisReplayGuard(options: RedisReplayGuardOptions): ReplayGuard {
  const memory = memoryReplayGuard();
  return {
    async firstSeen(key, ttlMs) {
      const redis = options.redis();
      if (redis === null || redis.status !== 'ready') return memory.firstSeen(key, ttlMs);
      try {
        return (await redis.set(`${options.prefix}:replay:${key}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
      } catch (error) {
        options.onFallback?.(error);
        return memory.firstSeen(key, ttlMs);
      }
    },
  };
}
