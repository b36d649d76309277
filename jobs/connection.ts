/**
 * Redis connection options for BullMQ, by role. Workers block on Redis and must never give up a
 * command (`maxRetriesPerRequest: null`); producers (queues) fail fast when Redis is down
 * (`enableOfflineQueue: false`) so a command gets a clear error instead of hanging.
 */
import type { ConnectionOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { redisOptionsFromUrl } from '../src/store/redis/url.ts';

export function redisOptionsFrom(redis: RedisOptions | string): RedisOptions {
  return typeof redis === 'string' ? redisOptionsFromUrl(redis) : { ...redis };
}

/** BullMQ declares its own RedisOptions; ioredis' differs only in `retryStrategy` allowing null. */
function forBullmq(options: RedisOptions): ConnectionOptions {
  const { retryStrategy, ...rest } = options;
  return retryStrategy ? { ...rest, retryStrategy: (times: number) => retryStrategy(times) ?? null } : rest;
}

export function workerConnection(base: RedisOptions): ConnectionOptions {
  return forBullmq({ ...base, maxRetriesPerRequest: null });
}

export function queueConnection(base: RedisOptions): ConnectionOptions {
  return forBullmq({ ...base, enableOfflineQueue: false });
}
