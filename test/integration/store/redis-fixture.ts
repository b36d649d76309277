/** A real Redis connection and a random key prefix per test; teardown deletes the keys and quits. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisStore } from '../../../src/store/redis/index.ts';
import type { Store } from '../../../src/store/types.ts';

export interface RedisFixture {
  redis: Redis;
  prefix: string;
  store: Store;
  keys(): Promise<string[]>;
  teardown(): Promise<void>;
}

export async function redisFixture(): Promise<RedisFixture> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = `test:store:${randomUUID()}`;
  const keys = () => redis.keys(`${prefix}:*`);
  return {
    redis,
    prefix,
    store: createRedisStore(redis, prefix, { ownsConnection: false }),
    keys,
    async teardown() {
      const found = await keys();
      if (found.length > 0) await redis.del(...found);
      await redis.quit();
    },
  };
}
