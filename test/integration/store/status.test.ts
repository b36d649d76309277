import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import type { FeedPollStatus } from '../../../src/store/types.ts';
import { redisFixture, type RedisFixture } from './redis-fixture.ts';

const a: ChannelAddress = { platform: 'discord', workspace: 'G1', channel: 'C9' };

describe('status store (Redis)', () => {
  let f: RedisFixture;
  beforeEach(async () => {
    f = await redisFixture();
  });
  afterEach(async () => {
    await f.teardown();
  });

  it('keeps the latest poll per category, sorted by category', async () => {
    const lg: FeedPollStatus = { category: 'cs.LG', checkedAt: '2025-03-03T01:00:00.000Z', outcome: 'ok', items: 120 };
    const clOld: FeedPollStatus = { category: 'cs.CL', checkedAt: '2025-03-03T00:00:00.000Z', outcome: 'error', items: 0, detail: '503' };
    const clNew: FeedPollStatus = { category: 'cs.CL', checkedAt: '2025-03-03T01:00:00.000Z', outcome: 'not_modified', items: 0 };
    expect(await f.store.lastPolls()).toEqual([]);
    await f.store.recordPoll(lg);
    await f.store.recordPoll(clOld);
    await f.store.recordPoll(clNew);
    expect(await f.store.lastPolls()).toEqual([clNew, lg]);
  });

  it('forgets feeds no longer polled and keeps the rest', async () => {
    const poll = (category: string): FeedPollStatus => ({ category, checkedAt: '2025-03-03T01:00:00.000Z', outcome: 'ok', items: 1 });
    await f.store.recordPoll(poll('cs.AI+cs.CL+cs.LG'));
    await f.store.recordPoll(poll('quant-ph'));
    await f.store.forgetPollsExcept(['cs.AI+cs.CL+cs.LG']);
    expect(await f.store.lastPolls()).toEqual([poll('cs.AI+cs.CL+cs.LG')]);
    await f.store.forgetPollsExcept(['cs.AI+cs.CL+cs.LG', 'hep-th']); // nothing to forget, nothing invented
    expect(await f.store.lastPolls()).toEqual([poll('cs.AI+cs.CL+cs.LG')]);
  });

  it('blocks and unblocks a channel', async () => {
    expect(await f.store.channelHealth(a)).toEqual({ blockedReason: null, blockedAt: null });
    const at = new Date('2025-03-03T12:00:00.000Z');
    await f.store.blockChannel(a, 'channel_not_found', at);
    expect(await f.store.channelHealth(a)).toEqual({ blockedReason: 'channel_not_found', blockedAt: at.toISOString() });
    await f.store.unblockChannel(a);
    expect(await f.store.channelHealth(a)).toEqual({ blockedReason: null, blockedAt: null });
  });

  it('close() leaves a shared connection open and quits an owned one', async () => {
    await f.store.close();
    expect(await f.redis.ping()).toBe('PONG');
    const { Redis } = await import('ioredis');
    const { createRedisStore } = await import('../../../src/store/redis/index.ts');
    const owned = new Redis({ host: '127.0.0.1', port: 6379 });
    const store = createRedisStore(owned, f.prefix);
    await store.channelHealth(a);
    await store.close();
    await expect(owned.ping()).rejects.toThrow(/closed/i);
  });
});
