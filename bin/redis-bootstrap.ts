/**
 * Finds the Redis the bot should use, in the order the README documents:
 *   1. REDIS_URL when set (`private` skips straight to 3);
 *   2. a Redis answering at 127.0.0.1:6379;
 *   3. a private redis-server for this bot (data under ./data/redis, append-only file on, unix socket only,
 *      so nothing outside this machine can reach it), started now and stopped on exit. A pidfile
 *      (data/redis/paperclub-redis.json: redis-server's pid and its owner's) lets the next start
 *      recognise one left behind by a crashed bot: it takes that one over (and stops it on exit), or
 *      stops it when it no longer answers, so no run leaves a redis-server behind;
 *   4. none: lookups (search, show, cite) keep working; channel state and jobs are off, and we say how to fix it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../src/log.ts';
import { redisOptionsFromUrl } from '../src/store/redis/url.ts';

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

export { redisOptionsFromUrl };

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
  let timer: NodeJS.Timeout | undefined;
  // A Redis that accepts connections but never answers (hung, stopped) must not hang the probe.
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs * 2);
  });
  try {
    return await Promise.race([client.connect().then(async () => (await client.ping()) === 'PONG'), deadline]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

const noop = async (): Promise<void> => undefined;

export async function provisionRedis(options: ProvisionOptions): Promise<RedisPlan> {
  if (options.url && options.url !== 'private') {
    return { kind: 'configured', options: redisOptionsFromUrl(options.url), describe: 'REDIS_URL', stop: noop };
  }
  const probe = redisOptionsFromUrl(options.probeUrl ?? 'redis://127.0.0.1:6379');
  // REDIS_URL=private: this bot's own redis-server even when another Redis answers on 6379.
  if (options.url !== 'private' && (await redisAnswers(probe))) {
    return { kind: 'local', options: probe, describe: `Redis at ${probe.host}:${probe.port}`, stop: noop };
  }

  const socket = privateRedisSocket(options.dataDir);
  const dir = dirname(socket);
  const pidfile = join(dir, PIDFILE);
  const recorded = readPidfile(pidfile);
  if (existsSync(socket) && (await redisAnswers({ path: socket }))) {
    if (recorded && isAlive(recorded.ownerPid)) {
      // A running paperclub process (another one, or another part of this one) owns its lifetime.
      return { kind: 'private', options: { path: socket }, describe: `the private Redis at ${socket}`, stop: noop };
    }
    // Left behind by a bot that died without stopping it: take it over, so this run stops it.
    if (recorded && isOurRedis(recorded.redisPid, socket)) {
      writePidfile(pidfile, { redisPid: recorded.redisPid, ownerPid: process.pid, socket });
      options.log.warn({ socket, redisPid: recorded.redisPid, previousOwner: recorded.ownerPid }, 'took over the private Redis a crashed run left behind');
      return { kind: 'private', options: { path: socket }, describe: `the private Redis at ${socket} (taken over)`, stop: () => stopByPid(recorded.redisPid, pidfile) };
    }
    // It answers but nothing says whose it is: use it, and leave its lifetime alone.
    return { kind: 'private', options: { path: socket }, describe: `the private Redis at ${socket}`, stop: noop };
  }
  if (recorded && isOurRedis(recorded.redisPid, socket)) {
    // A redis-server of ours that no longer answers: stop it before starting a fresh one.
    options.log.warn({ redisPid: recorded.redisPid }, 'stopping a private redis-server that no longer answers');
    await stopByPid(recorded.redisPid, pidfile);
  }
  rmSync(socket, { force: true });
  return startPrivateRedis({ ...options, dir, socket, pidfile });
}

export const PIDFILE = 'paperclub-redis.json';

/** Where the private redis-server listens: a unix socket under the data directory. */
export function privateRedisSocket(dataDir: string): string {
  return join(resolve(dataDir, 'redis'), 'redis.sock');
}

interface PidRecord {
  redisPid: number;
  ownerPid: number;
  socket: string;
}

function readPidfile(path: string): PidRecord | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<PidRecord>;
    return typeof value.redisPid === 'number' && typeof value.ownerPid === 'number' ? { redisPid: value.redisPid, ownerPid: value.ownerPid, socket: String(value.socket ?? '') } : null;
  } catch {
    return null;
  }
}

function writePidfile(path: string, record: PidRecord): void {
  writeFileSync(path, `${JSON.stringify(record)}\n`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `pid` is a redis-server serving `socket`: a pid from an old pidfile may belong to another
 * process by now (after a reboot), which must never be signalled.
 */
function isOurRedis(pid: number, socket: string): boolean {
  if (!isAlive(pid)) return false;
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    try {
      command = execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    } catch {
      return false;
    }
  }
  return command.includes('redis-server') && command.includes(socket);
}

/** SIGTERM (redis-server flushes its append-only file), then wait for it to go; SIGKILL after 10 s. */
async function stopByPid(pid: number, pidfile: string): Promise<void> {
  if (isAlive(pid)) {
    process.kill(pid, 'SIGTERM');
    process.kill(pid, 'SIGCONT'); // a stopped process handles SIGTERM only once it runs again
    const deadline = Date.now() + 10_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidfile, { force: true });
}

async function startPrivateRedis(
  options: ProvisionOptions & { dir: string; socket: string; pidfile: string },
): Promise<RedisPlan> {
  const { log, dir, socket, pidfile } = options;
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

  const redisPid = child.pid!;
  writePidfile(pidfile, { redisPid, ownerPid: process.pid, socket });
  const deadline = Date.now() + (options.startTimeoutMs ?? 5000);
  while (!(await redisAnswers({ path: socket }, 300))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(pidfile, { force: true });
      return { kind: 'none', reason: `the private redis-server did not come up (see ${join(dir, 'redis.log')})`, stop: noop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log.info({ socket, dir, redisPid }, 'started a private Redis for this bot (append-only file on)');
  return { kind: 'private', options: { path: socket }, describe: `a private Redis at ${socket}`, stop: () => stopByPid(redisPid, pidfile) };
}

function spawnAndWaitForStart(bin: string, args: string[]): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    // Its own process group: a Ctrl-C in the terminal reaches the bot, which stops Redis last, after
    // the jobs have finished with it.
    const child = spawn(bin, args, { stdio: 'ignore', detached: true });
    child.unref();
    child.once('error', reject);
    child.once('spawn', () => resolvePromise(child));
  });
}

export { INSTALL_HINT };
