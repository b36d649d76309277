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
