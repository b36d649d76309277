/**
 * Runs paperclub's compiled entry points (dist/, built once per run by test/setup/build.ts) as real
 * child processes against the test Redis under one prefix, the way production runs them: directly
 * with node, or through npm (`npm start`, `npm run worker`) to test that signals reach the bot.
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
  /** `npm start` or `npm run worker` in the project, as an operator runs it. */
  npm(script: 'start' | 'worker', env?: Record<string, string>): ChildProcessWithoutNullStreams;
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
    // Test files run side by side: each worker's /healthz and /metrics on a free port of its own.
    WORKER_PORT: '0',
    ...extra,
  });
  return {
    prefix,
    env,
    spawn: (entry, extra = {}, args = []) => spawn(process.execPath, [`dist/${entry}.js`, ...args], { cwd: ROOT, env: env(extra) }),
    npm: (script, extra = {}) =>
      spawn('npm', script === 'start' ? ['start', '--silent'] : ['run', 'worker', '--silent'], {
        cwd: ROOT,
        env: { ...env(extra), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
      }),
    async cleanup() {
      const redis = await connectTestRedis();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** Collects a child's stderr; `waitFor` resolves with the first match of `pattern` (or rejects after `ms`). */
export function watchOutput(child: ChildProcessWithoutNullStreams): { text(): string; waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray> } {
  let text = '';
  const waiters = new Set<() => void>();
  child.stderr.on('data', (d: Buffer) => {
    text += d.toString();
    for (const wake of [...waiters]) wake();
  });
  child.stdout.on('data', () => undefined);
  return {
    text: () => text,
    waitFor: (pattern, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} within ${ms} ms; stderr so far:\n${text}`));
        }, ms);
        const check = () => {
          const match = text.match(pattern);
          if (!match) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(match);
        };
        waiters.add(check);
        check();
      }),
  };
}

export function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when `pid` is gone, or rejects after `ms` (a process left behind). */
export async function gone(pid: number, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} is still running`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** GETs a JSON document (for /healthz). */
export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
