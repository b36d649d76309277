/**
 * The core services command-level tests run against: the real library from seeds/ (loaded once per
 * test file), its search index, a real Redis store under a random prefix, and a digest scheduler
 * double.
 */
import { fileURLToPath } from 'node:url';
import type { ChannelAddress } from '../../src/channel-address.ts';
import type { CommandServices } from '../../src/commands/types.ts';
import { loadLibrary, type Library } from '../../src/library/library.ts';
import { systemClock, type Clock, type DigestSchedule, type DigestScheduler } from '../../src/ports.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import type { Store } from '../../src/store/types.ts';
import { createTestRedisStore } from './redis.ts';

const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

let shared: Promise<{ library: Library; search: SearchIndex }> | undefined;

/** The seed library and its search index, built once per test file. */
export function seedLibraryAndIndex(): Promise<{ library: Library; search: SearchIndex }> {
  shared ??= loadLibrary({ seedsDir: SEEDS_DIR }).then((library) => ({ library, search: new SearchIndex(library.entries) }));
  return shared;
}

/** The seed library, loaded once per test file. */
export async function seedLibrary(): Promise<Library> {
  return (await seedLibraryAndIndex()).library;
}

/** A DigestScheduler double: records calls, and fails loudly unless a test allowed scheduling. */
export class RecordingDigests implements DigestScheduler {
  readonly calls: Array<{ op: 'schedule' | 'cancel' | 'nextRun'; channel: ChannelAddress; schedule?: DigestSchedule }> = [];
  allowed = false;
  async schedule(channel: ChannelAddress, schedule: DigestSchedule): Promise<void> {
    this.calls.push({ op: 'schedule', channel, schedule });
    if (!this.allowed) throw new Error('RecordingDigests.schedule called but this test did not expect digest scheduling');
  }
  async cancel(channel: ChannelAddress): Promise<void> {
    this.calls.push({ op: 'cancel', channel });
    if (!this.allowed) throw new Error('RecordingDigests.cancel called but this test did not expect digest scheduling');
  }
  async nextRun(channel: ChannelAddress): Promise<Date | null> {
    this.calls.push({ op: 'nextRun', channel });
    return null;
  }
}

export interface TestServicesOptions {
  /** Names the Redis key prefix: `test:<scope>:<uuid>`. */
  scope?: string;
  /** A store to use instead of Redis (e.g. unavailableStore); then no connection is opened. */
  store?: Store | undefined;
  /** Defaults to a new RecordingDigests. */
  digests?: DigestScheduler;
  /** Defaults to the system clock. */
  clock?: Clock;
  arxiv?: CommandServices['arxiv'];
  metrics?: CommandServices['metrics'];
}

export interface TestServices {
  services: CommandServices;
  /** The Redis key prefix, or null when a store was given. */
  prefix: string | null;
  /** Deletes the prefix's keys and closes the Redis connection (nothing when a store was given). */
  cleanup(): Promise<void>;
}

export async function createTestServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const { library, search } = await seedLibraryAndIndex();
  const redis = options.store ? null : await createTestRedisStore(options.scope ?? 'services');
  const services: CommandServices = {
    library,
    search,
    store: options.store ?? redis!.store,
    digests: options.digests ?? new RecordingDigests(),
    clock: options.clock ?? systemClock,
    ...(options.arxiv ? { arxiv: options.arxiv } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
  return {
    services,
    prefix: redis?.prefix ?? null,
    cleanup: async () => {
      await redis?.cleanup();
    },
  };
}
