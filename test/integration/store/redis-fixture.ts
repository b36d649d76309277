/** A real Redis connection and a random key prefix per test; teardown deletes the keys and quits. */
import type { Redis } from 'ioredis';
import type { Store } from '../../../src/store/types.ts';
import { createTestRedisStore } from '../../helpers/redis.ts';

export interface RedisFixture {
  redis: Redis;
  prefix: string;
  store: Store;
  keys(): Promise<string[]>;
  teardown(): Promise<void>;
}

export async function redisFixture(): Promise<RedisFixture> {
  const { redis, prefix, store, cleanup } = await createTestRedisStore('store');
  return { redis, prefix, store, keys: () => redis.keys(`${prefix}:*`), teardown: cleanup };
}
