/**
 * Builds what every process shares: the library, its search index, the link to Redis (found, started,
 * or waited for) and the store. Used by `npm start`, `npm run worker` and the admin CLI, so they all
 * see the same state. Until Redis answers, the store answers every call with a friendly
 * `storage_unavailable`; the moment it answers, the same store object works.
 */
import type { Config } from '../src/config.ts';
import type { Logger } from '../src/log.ts';
import type { Library } from '../src/library/library.ts';
import { loadLibraryOrSnapshot } from '../src/library/snapshot.ts';
import { lazySearchIndex, type LazySearchIndex } from '../src/search/lazy-index.ts';
import { createRedisStore } from '../src/store/redis/index.ts';
import { switchableStore } from '../src/store/switchable.ts';
import { unavailableStore } from '../src/store/unavailable.ts';
import type { Store } from '../src/store/types.ts';
import { provisionRedis } from './redis-bootstrap.ts';
import { openRedisLink, type RedisLink } from './redis-link.ts';

export interface CoreServices {
  library: Library;
  /** Built on first use; `npm start` warms it once it serves (src/search/lazy-index.ts). */
  search: LazySearchIndex;
  store: Store;
  redis: RedisLink;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** How often to look for a configured Redis that did not answer (default 5 s). */
  redisRetryMs?: number;
  /** The build's library snapshot (entry points pass librarySnapshotFile(import.meta.url)). */
  librarySnapshot?: string;
}

export async function createCoreServices(config: Config, log: Logger, options: CoreOptions = {}): Promise<CoreServices> {
  const library = await loadLibraryOrSnapshot({ seedsDir: config.seedsDir, ...(options.librarySnapshot ? { snapshotFile: options.librarySnapshot } : {}) });
  const search = lazySearchIndex(library.entries);
  log.info({ entries: library.size, seedsDir: config.seedsDir }, 'library loaded');

  const plan = await provisionRedis({ url: config.redis.url, dataDir: config.dataDir, log });
  const redis = await openRedisLink({ plan, log, ...(options.redisRetryMs ? { retryMs: options.redisRetryMs } : {}) });
  const store = switchableStore(unavailableStore(redis.detail()));
  if (plan.kind === 'none') {
    log.warn({ reason: plan.reason }, 'Redis unavailable: search, show and cite work; topics, club, digests and alerts are off');
  } else {
    log.info({ redis: plan.describe, state: redis.state() }, 'Redis');
  }
  redis.whenReady((client) => store.use(createRedisStore(client, config.redis.prefix, { ownsConnection: false })));
  return { library, search, store: store.store, redis, close: () => redis.close() };
}
