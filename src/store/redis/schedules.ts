/**
 * Digest schedules: one JSON value per channel plus a registry of channels that have one, written
 * together in MULTI so the job runner's `allSchedules()` never sees one without the other.
 */
import type { Redis } from 'ioredis';
import * as z from 'zod';
import type { ChannelAddress } from '../../channel-address.ts';
import type { DigestSchedule } from '../../ports.ts';
import type { ScheduleStore } from '../types.ts';
import { decodeChannel, encodeChannel, type Keys } from './keys.ts';
import { results } from './multi.ts';

const scheduleSchema = z.object({
  weekday: z.number().int().min(0).max(6),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  timeZone: z.string().min(1),
});

/** A value that is not a valid schedule (hand-edited, older format) counts as no schedule. */
function parseSchedule(json: string | null): DigestSchedule | null {
  if (json === null) return null;
  try {
    const parsed = scheduleSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createScheduleStore(redis: Redis, keys: Keys): ScheduleStore {
  const key = (c: ChannelAddress) => keys.channel(c, 'digest:schedule');
  const registry = keys.global('schedules:channels');

  return {
    async getSchedule(channel) {
      return parseSchedule(await redis.get(key(channel)));
    },
    async setSchedule(channel, schedule) {
      const value = scheduleSchema.parse(schedule);
      results(await redis.multi().set(key(channel), JSON.stringify(value)).sadd(registry, encodeChannel(channel)).exec());
    },
    async clearSchedule(channel) {
      const [deleted] = results(await redis.multi().del(key(channel)).srem(registry, encodeChannel(channel)).exec());
      return deleted === 1;
    },
    async allSchedules() {
      const channels = (await redis.smembers(registry)).map(decodeChannel).filter((c): c is ChannelAddress => c !== null);
      if (channels.length === 0) return [];
      const values = await redis.mget(channels.map(key));
      return channels.flatMap((channel, i) => {
        const schedule = parseSchedule(values[i] ?? null);
        return schedule === null ? [] : [{ channel, schedule }];
      });
    },
  };
}
