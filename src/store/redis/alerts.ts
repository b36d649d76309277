/**
 * Alert bookkeeping for the digest. (Claims, the per-channel set of papers taken, live next to the
 * delivery module's outbox: jobs/delivery/alert-outbox.ts.) Delivered alerts are kept for the digest in a sorted set scored by delivery time, pruned past
 * DELIVERED_RETENTION_DAYS so a busy channel's history cannot grow without bound.
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import type { AlertStore, DeliveredAlert } from '../types.ts';
import type { Keys } from './keys.ts';
import { results } from './multi.ts';

export const DELIVERED_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

function parseAlert(member: string): DeliveredAlert | null {
  try {
    const value = JSON.parse(member) as Partial<DeliveredAlert>;
    if (typeof value.arxivId !== 'string' || typeof value.deliveredAt !== 'string') return null;
    return { arxivId: value.arxivId, title: value.title ?? '', topic: value.topic ?? '', deliveredAt: value.deliveredAt };
  } catch {
    return null;
  }
}

export function createAlertStore(redis: Redis, keys: Keys): AlertStore {
  const delivered = (c: ChannelAddress) => keys.channel(c, 'alerts:delivered');
  const lastDigest = (c: ChannelAddress) => keys.channel(c, 'digest:last');

  return {
    async recordDelivered(channel, alert) {
      const at = Date.parse(alert.deliveredAt);
      if (Number.isNaN(at)) throw new TypeError(`deliveredAt is not a date: ${alert.deliveredAt}`);
      const member = JSON.stringify({ arxivId: alert.arxivId, title: alert.title, topic: alert.topic, deliveredAt: alert.deliveredAt });
      results(
        await redis
          .multi()
          .zadd(delivered(channel), at, member)
          .zremrangebyscore(delivered(channel), '-inf', `(${at - DELIVERED_RETENTION_DAYS * DAY_MS}`)
          .exec(),
      );
    },
    async deliveredSince(channel, since) {
      const members = await redis.zrangebyscore(delivered(channel), `(${since.getTime()}`, '+inf');
      return members.map(parseAlert).filter((a): a is DeliveredAlert => a !== null);
    },
    async lastDigestAt(channel) {
      const value = await redis.get(lastDigest(channel));
      if (value === null) return null;
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? null : date;
    },
    async setLastDigestAt(channel, at) {
      await redis.set(lastDigest(channel), at.toISOString());
    },
  };
}
