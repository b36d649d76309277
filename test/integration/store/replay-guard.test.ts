/** The replay guard: one process of the deployment sees a signed request as new, through real Redis. */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { memoryReplayGuard, redisReplayGuard } from '../../../src/store/replay-guard.ts';
import { deleteKeysWithPrefix, randomPrefix } from '../../helpers/redis.ts';

const a = new Redis({ host: '127.0.0.1', port: 6379 });
const b = new Redis({ host: '127.0.0.1', port: 6379 });
const prefix = randomPrefix('replay');
afterAll(async () => {
  await deleteKeysWithPrefix(a, prefix);
  await a.quit();
  await b.quit();
});

describe('redisReplayGuard', () => {
  it('lets exactly one of many concurrent callers on separate connections through, until the key expires', async () => {
    await Promise.all([a.ping(), b.ping()]);
    const guards = [redisReplayGuard({ redis: () => a, prefix }), redisReplayGuard({ redis: () => b, prefix })];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => guards[i % 2]!.firstSeen('sig-1', 300)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await a.pttl(`${prefix}:replay:sig-1`)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 350));
    expect(await guards[1]!.firstSeen('sig-1', 300)).toBe(true);
  });

  it('falls back to memory while there is no Redis or it is not connected', async () => {
    const none = redisReplayGuard({ redis: () => null, prefix });
    expect(await none.firstSeen('sig-2', 1000)).toBe(true);
    expect(await none.firstSeen('sig-2', 1000)).toBe(false);
    const closed = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
    const unready = redisReplayGuard({ redis: () => closed, prefix });
    expect(await unready.firstSeen('sig-3', 1000)).toBe(true);
    expect(await unready.firstSeen('sig-3', 1000)).toBe(false);
    closed.disconnect();
  });
});

describe('memoryReplayGuard', () => {
  it('forgets a key once its time is up', async () => {
    let now = 0;
    const guard = memoryReplayGuard(() => now);
    expect(await guard.firstSeen('k', 100)).toBe(true);
    now = 99;
    expect(await guard.firstSeen('k', 100)).toBe(false);
    now = 100;
    expect(await guard.firstSeen('k', 100)).toBe(true);
  });
});
