import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { isAlive, PIDFILE, provisionRedis, redisAnswers, redisOptionsFromUrl, type RedisPlan } from '../../../bin/redis-bootstrap.ts';
import { silentLogger } from '../../../src/log.ts';

// A port nothing listens on, so the "no local Redis" branch is taken without touching 6379.
const DEAD_PROBE = 'redis://127.0.0.1:1';

describe('provisionRedis', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-redis-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('uses REDIS_URL as given without probing', async () => {
    const plan = await provisionRedis({ url: 'redis://user:s%40cret@example.test:6390/2', dataDir: tempDir(), log: silentLogger() });
    expect(plan.kind).toBe('configured');
    if (plan.kind === 'none') throw new Error('unreachable');
    expect(plan.options).toMatchObject({ host: 'example.test', port: 6390, username: 'user', password: 's@cret', db: 2 });
  });

  it('uses the Redis answering at the probe address', async () => {
    const plan = await provisionRedis({ probeUrl: 'redis://127.0.0.1:6379', dataDir: tempDir(), log: silentLogger() });
    expect(plan.kind).toBe('local');
  });

  it('starts a private append-only Redis when none answers, reuses it, and stops it', async () => {
    const dataDir = tempDir();
    const plan: RedisPlan = await provisionRedis({ probeUrl: DEAD_PROBE, dataDir, log: silentLogger() });
    cleanups.push(() => plan.stop());
    expect(plan.kind).toBe('private');
    if (plan.kind === 'none') throw new Error(plan.reason);

    const client = new Redis(plan.options);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await client.config('GET', 'port')).toEqual(['port', '0']);
    await client.set('k', 'v');
    await client.quit();

    const second = await provisionRedis({ probeUrl: DEAD_PROBE, dataDir, log: silentLogger() });
    expect(second.kind).toBe('private');
    await second.stop(); // a process that did not start it must not stop it
    expect(await redisAnswers(plan.options)).toBe(true);

    await plan.stop();
    expect(await redisAnswers(plan.options)).toBe(false);
    expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
  });

  it('reports how to get Redis when redis-server is not installed', async () => {
    const plan = await provisionRedis({
      probeUrl: DEAD_PROBE,
      dataDir: tempDir(),
      log: silentLogger(),
      redisServerBin: 'redis-server-that-does-not-exist',
    });
    expect(plan.kind).toBe('none');
    if (plan.kind !== 'none') throw new Error('unreachable');
    expect(plan.reason).toMatch(/not installed.*apt-get install redis-server/);
  });

  it('rejects URLs that are not redis URLs', () => {
    expect(() => redisOptionsFromUrl('http://127.0.0.1:6379')).toThrow(/redis:\/\//);
  });
});

describe('the private Redis after a crash', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a redis-server whose owner died (kill -9), stops it on exit, and leaves no pidfile', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pc-redis-'));
    dirs.push(dataDir);
    // A bot process that starts the private Redis and is then killed outright.
    const bot = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { provisionRedis } = await import(${JSON.stringify(new URL('../../../bin/redis-bootstrap.ts', import.meta.url).href)});
      const { silentLogger } = await import(${JSON.stringify(new URL('../../../src/log.ts', import.meta.url).href)});
      const plan = await provisionRedis({ probeUrl: 'redis://127.0.0.1:1', dataDir: ${JSON.stringify(dataDir)}, log: silentLogger() });
      process.stdout.write(plan.kind + '\\n');
      setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => bot.stdout!.once('data', () => resolve()));
    const pidfile = join(dataDir, 'redis', PIDFILE);
    const { redisPid, ownerPid } = JSON.parse(readFileSync(pidfile, 'utf8')) as { redisPid: number; ownerPid: number };
    expect(ownerPid).toBe(bot.pid);
    bot.kill('SIGKILL');
    await new Promise((r) => bot.once('exit', r));
    expect(isAlive(redisPid)).toBe(true); // the orphan

    const plan = await provisionRedis({ probeUrl: 'redis://127.0.0.1:1', dataDir, log: silentLogger() });
    expect(plan.kind).toBe('private');
    if (plan.kind === 'none') throw new Error(plan.reason);
    expect(plan.describe).toMatch(/taken over/);
    expect(JSON.parse(readFileSync(pidfile, 'utf8'))).toMatchObject({ redisPid, ownerPid: process.pid });
    expect(await redisAnswers(plan.options)).toBe(true);
    await plan.stop();
    expect(isAlive(redisPid)).toBe(false);
    expect(existsSync(pidfile)).toBe(false);
  }, 30_000);

  it('stops an orphan that no longer answers and starts a fresh one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pc-redis-'));
    dirs.push(dataDir);
    const first = await provisionRedis({ probeUrl: 'redis://127.0.0.1:1', dataDir, log: silentLogger() });
    if (first.kind === 'none') throw new Error(first.reason);
    const pidfile = join(dataDir, 'redis', PIDFILE);
    const { redisPid } = JSON.parse(readFileSync(pidfile, 'utf8')) as { redisPid: number };
    // Freeze it (it no longer answers) and pretend its owner is long gone.
    process.kill(redisPid, 'SIGSTOP');
    writeFileSync(pidfile, JSON.stringify({ redisPid, ownerPid: 999_999_999, socket: join(dataDir, 'redis', 'redis.sock') }));
    try {
      const second = await provisionRedis({ probeUrl: 'redis://127.0.0.1:1', dataDir, log: silentLogger() });
      if (second.kind === 'none') throw new Error(second.reason);
      expect(isAlive(redisPid)).toBe(false);
      expect(await redisAnswers(second.options)).toBe(true);
      await second.stop();
    } finally {
      if (isAlive(redisPid)) {
        process.kill(redisPid, 'SIGCONT');
        process.kill(redisPid, 'SIGKILL');
      }
    }
  }, 30_000);
});
