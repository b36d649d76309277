import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { provisionRedis, redisAnswers, redisOptionsFromUrl, type RedisPlan } from '../../../bin/redis-bootstrap.ts';
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
