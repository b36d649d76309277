/**
 * Finds the Redis the bot should use, in the order the README documents:
 *   1. REDIS_URL when set;
 *   2. a Redis answering at 127.0.0.1:6379;
 *   3. a private redis-server for this bot (data under ./data/redis, append-only file on, unix socket only,
 *      so nothing outside this machine can reach it), started now and stopped on exit;
 *   4. none: lookups (search, show, cite) keep working; channel state and jobs are off, and we say how to fix it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../src/log.ts';

export type RedisPlan =
  | { kind: 'configured' | 'local' | 'private'; options: RedisOptions; describe: string; stop(): Promise<void> }
  | { kind: 'none'; reason: string; stop(): Promise<void> };

export interface ProvisionOptions {
  url?: string;
  probeUrl?: string;
  dataDir: string;
  log: Logger;
  redisServerBin?: string;
  startTimeoutMs?: number;
}

const INSTALL_HINT =
  'install Redis 7 (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL';

/** redis://[user:pass@]host:port[/db] and rediss:// (TLS) into ioredis options. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got ${parsed.protocol}`);
  }
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** True when a Redis answers PING at these options within a short timeout. */
export async function redisAnswers(options: RedisOptions, timeoutMs = 800): Promise<boolean> {
  const client = new Redis({
    ...options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const noop = async (): Promise<void> => undefined;

export async function provisionRedis(options: ProvisionOptions): Promise<RedisPlan> {
  if (options.url) {
    return { kind: 'configured', options: redisOptionsFromUrl(options.url), describe: 'REDIS_URL', stop: noop };
  }
  const probe = redisOptionsFromUrl(options.probeUrl ?? 'redis://127.0.0.1:6379');
  if (await redisAnswers(probe)) {
    return { kind: 'local', options: probe, describe: `Redis at ${probe.host}:${probe.port}`, stop: noop };
  }

  const dir = resolve(options.dataDir, 'redis');
  const socket = join(dir, 'redis.sock');
  if (existsSync(socket) && (await redisAnswers({ path: socket }))) {
    // Another paperclub process started it; it owns its lifetime.
    return { kind: 'private', options: { path: socket }, describe: `the private Redis at ${socket}`, stop: noop };
  }
  return startPrivateRedis({ ...options, dir, socket });
}

async function startPrivateRedis(
  options: ProvisionOptions & { dir: string; socket: string },
): Promise<RedisPlan> {
  const { log, dir, socket } = options;
  if (Buffer.byteLength(socket) > 100) {
    return { kind: 'none', reason: `the data directory path is too long for a unix socket (${socket})`, stop: noop };
  }
  mkdirSync(dir, { recursive: true });
  const args = [
    '--port', '0',
    '--unixsocket', socket,
    '--unixsocketperm', '700',
    '--dir', dir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--save', '',
    '--maxmemory-policy', 'noeviction',
    '--logfile', join(dir, 'redis.log'),
  ];
  let child: ChildProcess;
  try {
    child = await spawnAndWaitForStart(options.redisServerBin ?? 'redis-server', args);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = missing
      ? `no Redis answers at 127.0.0.1:6379 and redis-server is not installed: ${INSTALL_HINT}`
      : `could not start a private redis-server: ${(error as Error).message}`;
    return { kind: 'none', reason, stop: noop };
  }

  const deadline = Date.now() + (options.startTimeoutMs ?? 5000);
  while (!(await redisAnswers({ path: socket }, 300))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      return { kind: 'none', reason: `the private redis-server did not come up (see ${join(dir, 'redis.log')})`, stop: noop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log.info({ socket, dir }, 'started a private Redis for this bot (append-only file on)');
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
    await exited;
  };
  return { kind: 'private', options: { path: socket }, describe: `a private Redis at ${socket}`, stop };
}

function spawnAndWaitForStart(bin: string, args: string[]): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => resolvePromise(child));
  });
}

export { INSTALL_HINT };
