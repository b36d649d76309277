/**
 * The Redis-backed Store: one small module per concern, composed here.
 * Keys: `<prefix>:ch:<platform>:<workspace>:<channel>:<thing>` for channel state, `<prefix>:<thing>` otherwise.
 */
import type { Redis } from 'ioredis';
import type { Store } from '../types.ts';
import { createAlertStore } from './alerts.ts';
import { createCalendarTokenStore } from './calendar-tokens.ts';
import { createClubStore } from './club.ts';
import { createClubQuestionStore } from './club-questions.ts';
import { createClubScheduleStore } from './club-schedule.ts';
import { createClubSessionStore } from './club-sessions.ts';
import { createClubVoteStore } from './club-votes.ts';
import { createKeys } from './keys.ts';
import { createScheduleStore } from './schedules.ts';
import { createStatusStore } from './status.ts';
import { createTopicStore } from './topics.ts';

export interface RedisStoreOptions {
  /** close() quits the connection (default true). Pass false when the connection is shared. */
  ownsConnection?: boolean;
}

export function createRedisStore(redis: Redis, prefix: string, options: RedisStoreOptions = {}): Store {
  const keys = createKeys(prefix);
  const ownsConnection = options.ownsConnection ?? true;
  return {
    ...createTopicStore(redis, keys),
    ...createClubStore(redis, keys),
    ...createScheduleStore(redis, keys),
    ...createAlertStore(redis, keys),
    ...createStatusStore(redis, keys),
    ...createClubScheduleStore(redis, keys),
    ...createClubVoteStore(redis, keys),
    ...createClubQuestionStore(redis, keys),
    ...createClubSessionStore(redis, keys),
    ...createCalendarTokenStore(redis, keys),
    async close() {
      if (ownsConnection && redis.status !== 'end') await redis.quit();
    },
  };
}
