/**
 * Builds what every process shares: the library, its search index, the link to Redis (found, started,
 * or waited for) and the store. Used by `npm start` and `npm run worker`, so they see the same state.
 * Until Redis answers, the store answers every call with a friendly `storage_unavailable`; the moment
 * it answers, the same store object works.
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
import { linkWhileOpening, openRedisLink, type RedisLink } from './redis-link.ts';

export interface CoreServices {
  library: Library;
  /** Built on first use; `npm start` warms it once it serves (src/search/lazy-index.ts). */
  search: LazySearchIndex;
  store: Store;
  redis: RedisLink;
  /** Settles once Redis has been looked for (at once unless `redisInBackground`): `redis.state()` is then `none`, `waiting` or connected. */
  redisLookedFor: Promise<void>;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** How often to look for a configured Redis that did not answer (default 5 s). */
  redisRetryMs?: number;
  /** The build's library snapshot (entry points pass librarySnapshotFile(import.meta.url)). */
  librarySnapshot?: string;
  /**
   * Look for Redis (and start a private redis-server) in the background instead of before returning:
   * for a process that serves HTTP, whose /healthz and lookups need no Redis. A private redis-server
   * takes 0.1-0.8 s to answer, and a configured REDIS_URL that drops packets up to 2 s; the link says
   * `waiting` meanwhile. The console and the workers wait: their first command or job needs Redis.
   */
  redisInBackground?: boolean;
}

export async function createCoreServices(config: Config, log: Logger, options: CoreOptions = {}): Promise<CoreServices> {
  const { library, searchIndex } = await loadLibraryOrSnapshot({ seedsDir: config.seedsDir, ...(options.librarySnapshot ? { snapshotFile: options.librarySnapshot } : {}) });
  const search = lazySearchIndex(library.entries, searchIndex);
  log.info({ entries: library.size, seedsDir: config.seedsDir }, 'library loaded');

  const looking = 'looking for Redis (REDIS_URL, else 127.0.0.1:6379, else a private redis-server)';
  const store = switchableStore(unavailableStore(looking));
  const opening = (async () => {
    const plan = await provisionRedis({ url: config.redis.url, dataDir: config.dataDir, log });
    const link = await openRedisLink({ plan, log, ...(options.redisRetryMs ? { retryMs: options.redisRetryMs } : {}) });
    store.use(unavailableStore(link.detail()));
    if (plan.kind === 'none') {
      log.warn({ reason: plan.reason }, 'Redis unavailable: search, show and cite work; topics, club, digests and alerts are off');
    } else {
      log.info({ redis: plan.describe, state: link.state() }, 'Redis');
    }
    link.whenReady((client) => store.use(createRedisStore(client, config.redis.prefix, { ownsConnection: false })));
    return link;
  })();
  if (options.redisInBackground) {
    // First, so the link is the opened one by the time `redisLookedFor` settles.
    const redis = linkWhileOpening(opening, looking);
    // provisionRedis reports no Redis as a plan, not an error: a rejection here is a bug, logged.
    const lookedFor = opening.then(
      () => undefined,
      (error: unknown) => log.error({ err: error }, 'looking for Redis failed'),
    );
    return { library, search, store: store.store, redis, redisLookedFor: lookedFor, close: () => redis.close() };
  }
  const redis = await opening;
  return { library, search, store: store.store, redis, redisLookedFor: Promise.resolve(), close: () => redis.close() };
}
