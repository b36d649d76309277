/** Feed poll outcomes (one per category, latest wins) and per-channel delivery health. */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import type { FeedPollStatus, StatusStore } from '../types.ts';
import type { Keys } from './keys.ts';

const OUTCOMES: ReadonlySet<string> = new Set(['ok', 'not_modified', 'empty', 'stale', 'error']);

function parsePoll(json: string): FeedPollStatus | null {
  try {
    const value = JSON.parse(json) as Partial<FeedPollStatus>;
    if (typeof value.category !== 'string' || typeof value.checkedAt !== 'string' || !OUTCOMES.has(String(value.outcome))) return null;
    return value as FeedPollStatus;
  } catch {
    return null;
  }
}

export function createStatusStore(redis: Redis, keys: Keys): StatusStore {
  const polls = keys.global('polls');
  const health = (c: ChannelAddress) => keys.channel(c, 'health');

  return {
    async recordPoll(status) {
      await redis.hset(polls, status.category, JSON.stringify(status));
    },
    async lastPolls() {
      const all = await redis.hvals(polls);
      return all
        .map(parsePoll)
        .filter((p): p is FeedPollStatus => p !== null)
        .sort((a, b) => a.category.localeCompare(b.category));
    },
    async forgetPollsExcept(categories) {
      const keep = new Set(categories);
      const stale = (await redis.hkeys(polls)).filter((category) => !keep.has(category));
      if (stale.length > 0) await redis.hdel(polls, ...stale);
    },
    async channelHealth(channel) {
      const { reason, at } = await redis.hgetall(health(channel));
      return { blockedReason: reason ?? null, blockedAt: at ?? null };
    },
    async blockChannel(channel, reason, at) {
      await redis.hset(health(channel), { reason, at: at.toISOString() });
    },
    async unblockChannel(channel) {
      await redis.del(health(channel));
    },
  };
}
