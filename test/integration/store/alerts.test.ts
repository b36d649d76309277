import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { redisFixture, type RedisFixture } from './redis-fixture.ts';

const a: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const b: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'C2' };
const alert = (arxivId: string, deliveredAt: string) => ({ arxivId, title: `Paper ${arxivId}`, topic: 'moe', deliveredAt });

describe('alert store (Redis)', () => {
  let f: RedisFixture;
  beforeEach(async () => {
    f = await redisFixture();
  });
  afterEach(async () => {
    await f.teardown();
  });

  it('claims a paper once per channel', async () => {
    expect(await f.store.claimAlert(a, '2401.00001')).toBe(true);
    expect(await f.store.claimAlert(a, '2401.00001')).toBe(false);
    expect(await f.store.claimAlert(b, '2401.00001')).toBe(true);
  });

  it('gives exactly one of many parallel claims', async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => f.store.claimAlert(a, '2401.00002')));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('gives exactly one claim across separate connections', async () => {
    const g = await import('./redis-fixture.ts').then((m) => m.redisFixture());
    try {
      const { createRedisStore } = await import('../../../src/store/redis/index.ts');
      const second = createRedisStore(g.redis, f.prefix, { ownsConnection: false });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? f.store : second).claimAlert(a, '2401.00003')),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    } finally {
      await g.teardown();
    }
  });

  it('releases a claim so a failed delivery can be retried', async () => {
    await f.store.claimAlert(a, '2401.00004');
    await f.store.releaseAlert(a, '2401.00004');
    expect(await f.store.claimAlert(a, '2401.00004')).toBe(true);
  });

  it('returns alerts delivered after a time, oldest first', async () => {
    await f.store.recordDelivered(a, alert('1', '2025-03-01T10:00:00.000Z'));
    await f.store.recordDelivered(a, alert('2', '2025-03-03T10:00:00.000Z'));
    await f.store.recordDelivered(a, alert('3', '2025-03-02T10:00:00.000Z'));
    await f.store.recordDelivered(b, alert('4', '2025-03-02T10:00:00.000Z'));
    const since = await f.store.deliveredSince(a, new Date('2025-03-01T10:00:00.000Z'));
    expect(since).toEqual([alert('3', '2025-03-02T10:00:00.000Z'), alert('2', '2025-03-03T10:00:00.000Z')]);
  });

  it('prunes delivered alerts older than the retention window', async () => {
    await f.store.recordDelivered(a, alert('old', '2024-01-01T00:00:00.000Z'));
    await f.store.recordDelivered(a, alert('new', '2025-03-01T00:00:00.000Z'));
    expect((await f.store.deliveredSince(a, new Date(0))).map((x) => x.arxivId)).toEqual(['new']);
  });

  it('rejects a delivery time that is not a date', async () => {
    await expect(f.store.recordDelivered(a, alert('x', 'yesterday'))).rejects.toThrow(/not a date/);
  });

  it('remembers when the last digest went out', async () => {
    expect(await f.store.lastDigestAt(a)).toBeNull();
    const at = new Date('2025-03-03T08:00:00.000Z');
    await f.store.setLastDigestAt(a, at);
    expect(await f.store.lastDigestAt(a)).toEqual(at);
    expect(await f.store.lastDigestAt(b)).toBeNull();
  });
});
