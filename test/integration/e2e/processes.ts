/** Runs paperclub's entry points as real child processes against the test Redis under one prefix. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../../helpers/redis.ts';

export interface ProcessEnv {
  prefix: string;
  spawn(script: string, env?: Record<string, string>): ChildProcessWithoutNullStreams;
  cleanup(): Promise<void>;
}

export function processEnv(scope: string): ProcessEnv {
  const prefix = randomPrefix(scope);
  return {
    prefix,
    spawn: (script, env = {}) =>
      spawn(process.execPath, ['--import', 'tsx', script], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          REDIS_URL: 'redis://127.0.0.1:6379',
          REDIS_PREFIX: prefix,
          // Never reach arXiv from tests: feeds and the API point at a closed port, and the poll
          // scheduler's first run is months away.
          ARXIV_RSS_URL: 'http://127.0.0.1:9/rss',
          ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
          POLL_CRON: '0 0 1 1 *',
          ...env,
        },
      }),
    async cleanup() {
      const redis = await connectTestRedis();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}
