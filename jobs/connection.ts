/**
 * Redis connection options for BullMQ, by role. Workers block on Redis and must never give up a
 * command (`maxRetriesPerRequest: null`); producers (queues) fail fast when Redis is down
 * (`enableOfflineQueue: false`) so a command gets a clear error instead of hanging.
 */
import type { ConnectionOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';

export function redisOptionsFrom(redis: RedisOptions | string): RedisOptions {
  if (typeof redis !== 'string') return { ...redis };
  const url = new URL(redis);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`REDIS_URL must start with redis:// or rediss://, got ${url.protocol}`);
  }
  const db = url.pathname.replace(/^\//, '');
  return {
    host: url.hostname,
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db !== '' ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
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
