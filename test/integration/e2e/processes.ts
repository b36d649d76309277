/**
 * Runs paperclub's compiled entry points (dist/, built once per run by test/setup/build.ts) as real
 * child processes against the test Redis under one prefix, the way production runs them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../../helpers/redis.ts';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** An entry point in dist/: `start`, `worker`, `cli`, `discord-register`. */
export type Entry = 'start' | 'worker' | 'cli' | 'discord-register';

export interface ProcessEnv {
  prefix: string;
  /** The environment every spawned process gets (plus per-call extras). */
  env(extra?: Record<string, string>): Record<string, string>;
  spawn(entry: Entry, env?: Record<string, string>, args?: string[]): ChildProcessWithoutNullStreams;
  cleanup(): Promise<void>;
}

export function processEnv(scope: string): ProcessEnv {
  const prefix = randomPrefix(scope);
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
    // Never reach arXiv from tests: feeds and the API point at a closed port, and the poll
    // scheduler's first run is months away.
    ARXIV_RSS_URL: 'http://127.0.0.1:9/rss',
    ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
    POLL_CRON: '0 0 1 1 *',
    ...extra,
  });
  return {
    prefix,
    env,
    spawn: (entry, extra = {}, args = []) => spawn(process.execPath, [`dist/${entry}.js`, ...args], { cwd: ROOT, env: env(extra) }),
    async cleanup() {
      const redis = await connectTestRedis();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}
