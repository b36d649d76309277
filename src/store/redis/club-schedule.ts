/**
 * Session schedules: one JSON value per channel, a set of skipped dates, and a registry of scheduled
 * channels (so the job runner can rebuild its announcement timers after a restart). The value and the
 * registry change together in MULTI, as for digest schedules.
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import { SCHEDULE_LIMITS } from '../../club/schedule.ts';
import type { ClubScheduleStore } from '../types.ts';
import { clubScheduleSchema, parseClubSchedule } from './club-records.ts';
import { clubKeys, clubRegistryKeys, decodeChannel, encodeChannel, type Keys } from './keys.ts';
import { results } from './multi.ts';

// KEYS[1] skipped dates. ARGV[1] the date, ARGV[2] today (dates before it are pruned), ARGV[3] the cap.
// ISO dates compare as strings.
const SKIP = `
for _, date in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if date < ARGV[2] then redis.call('SREM', KEYS[1], date) end
end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 'already' end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 'too_many' end
redis.call('SADD', KEYS[1], ARGV[1])
return 'skipped'`;

export function createClubScheduleStore(redis: Redis, keys: Keys): ClubScheduleStore {
  const registry = clubRegistryKeys(keys).schedules;
  const k = (c: ChannelAddress) => clubKeys(keys, c);

  return {
    async getClubSchedule(channel) {
      return parseClubSchedule(await redis.get(k(channel).schedule));
    },
    async setClubSchedule(channel, schedule) {
      const value = clubScheduleSchema.parse(schedule);
      results(await redis.multi().set(k(channel).schedule, JSON.stringify(value)).sadd(registry, encodeChannel(channel)).exec());
    },
    async clearClubSchedule(channel) {
      const [deleted] = results(
        await redis.multi().del(k(channel).schedule).del(k(channel).skips).srem(registry, encodeChannel(channel)).exec(),
      );
      return deleted === 1;
    },
    async allClubSchedules() {
      const channels = (await redis.smembers(registry)).map(decodeChannel).filter((c): c is ChannelAddress => c !== null);
      if (channels.length === 0) return [];
      const values = await redis.mget(channels.map((c) => k(c).schedule));
      return channels.flatMap((channel, i) => {
        const schedule = parseClubSchedule(values[i]);
        return schedule === null ? [] : [{ channel, schedule }];
      });
    },
    async skipSession(channel, date, today) {
      return (await redis.eval(SKIP, 1, k(channel).skips, date, today, SCHEDULE_LIMITS.skips)) as 'skipped' | 'already' | 'too_many';
    },
    async unskipSession(channel, date) {
      return (await redis.srem(k(channel).skips, date)) === 1;
    },
    async skippedSessions(channel) {
      return (await redis.smembers(k(channel).skips)).sort();
    },
  };
}
