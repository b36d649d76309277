/** A real Redis at 127.0.0.1:6379 for tests, a random key prefix per use, and cleanup of those keys. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisStore } from '../../src/store/redis/index.ts';
import type { Store } from '../../src/store/types.ts';

/** A connected client to the test Redis; fails at once when nothing answers. */
export async function connectTestRedis(): Promise<Redis> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  return redis;
}

/** A fresh key prefix `test:<scope>:<uuid>`, so parallel test files never share keys. */
export function randomPrefix(scope: string): string {
  return `test:${scope}:${randomUUID()}`;
}

/** Deletes every key under `<prefix>:` (SCAN, so a large test database is not blocked). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export interface TestRedisStore {
  redis: Redis;
  prefix: string;
  store: Store;
  /** Deletes the prefix's keys and closes the connection. */
  cleanup(): Promise<void>;
}

/** The real Redis store under a random prefix of `scope`, on a connection the test owns. */
export async function createTestRedisStore(scope: string): Promise<TestRedisStore> {
  const redis = await connectTestRedis();
  const prefix = randomPrefix(scope);
  return {
    redis,
    prefix,
    store: createRedisStore(redis, prefix, { ownsConnection: false }),
    async cleanup() {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}
