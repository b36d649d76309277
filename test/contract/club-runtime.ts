/**
 * The job runtime a club contract runs next to its adapter, as `npm start` does: only the club's
 * announcement worker, on the same Redis prefix as the adapter's store, posting through the adapter's
 * own chat port (the fake Slack and Discord APIs, or the terminal).
 */
import type { Platform } from '../../src/channel-address.ts';
import { loadConfig } from '../../src/config.ts';
import type { Library } from '../../src/library/library.ts';
import { silentLogger } from '../../src/log.ts';
import type { ChatPort } from '../../src/ports.ts';
import type { Store } from '../../src/store/types.ts';
import { startJobRuntime, type JobRuntime } from '../../jobs/runtime.ts';
import { FAST, REDIS } from '../integration/jobs/harness.ts';

export function startClubRuntime(options: { prefix: string; store: Store; library: Library; chat: Partial<Record<Platform, ChatPort>> }): Promise<JobRuntime> {
  return startJobRuntime({
    redis: REDIS,
    prefix: options.prefix,
    store: options.store,
    library: options.library,
    chat: options.chat,
    config: loadConfig({ REDIS_PREFIX: options.prefix }),
    log: silentLogger(),
    processors: { poll: false, deliver: false, digest: false, club: true },
    tuning: FAST,
  });
}

/** Polls until `check` holds (or fails with `what` after `ms`). */
export async function eventually<T>(what: string, check: () => T | null | undefined | Promise<T | null | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
