/**
 * Builds what every process shares: the library, its search index, Redis (found or started) and the store.
 * Used by `npm start`, `npm run worker` and the admin CLI, so they all see the same state.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../src/config.ts';
import type { Logger } from '../src/log.ts';
import { loadLibrary, type Library } from '../src/library/library.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { createRedisStore } from '../src/store/redis/index.ts';
import { unavailableStore } from '../src/store/unavailable.ts';
import type { Store } from '../src/store/types.ts';
import { provisionRedis, type RedisPlan } from './redis-bootstrap.ts';

export interface CoreServices {
  library: Library;
  search: SearchIndex;
  store: Store;
  /** The shared connection (store, arXiv gate); null when Redis is unavailable. */
  redis: Redis | null;
  /** Connection options for BullMQ and other clients; null when Redis is unavailable. */
  redisOptions: RedisOptions | null;
  redisPlan: RedisPlan;
  close(): Promise<void>;
}

export async function createCoreServices(config: Config, log: Logger): Promise<CoreServices> {
  const library = await loadLibrary({ seedsDir: config.seedsDir });
  const search = new SearchIndex(library.entries);
  log.info({ entries: library.size, seedsDir: config.seedsDir }, 'library loaded');

  const redisPlan = await provisionRedis({ url: config.redis.url, dataDir: config.dataDir, log });
  if (redisPlan.kind === 'none') {
    log.warn({ reason: redisPlan.reason }, 'Redis unavailable: search, show and cite work; topics, club, digests and alerts are off');
    return {
      library,
      search,
      store: unavailableStore(redisPlan.reason),
      redis: null,
      redisOptions: null,
      redisPlan,
      close: () => redisPlan.stop(),
    };
  }
  log.info({ redis: redisPlan.describe }, 'using Redis');
  const redis = new Redis({ ...redisPlan.options, maxRetriesPerRequest: 3 });
  redis.on('error', (error) => log.warn({ err: error }, 'Redis connection error'));
  const store = createRedisStore(redis, config.redis.prefix);
  return {
    library,
    search,
    store,
    redis,
    redisOptions: redisPlan.options,
    redisPlan,
    close: async () => {
      await store.close();
      await redisPlan.stop();
    },
  };
}
