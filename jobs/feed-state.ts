/**
 * Per-feed-URL state kept in Redis so every worker on every machine sends the same conditional GET:
 * the validators of the last 200 (ETag, Last-Modified) and the feed date it carried, which a later
 * 304 still needs for the staleness check. The feed job sees only `read` and `write`.
 */
import type { Redis } from 'ioredis';
import type { FeedValidators } from '../src/arxiv/feed-client.ts';

export interface FeedState {
  validators: FeedValidators;
  feedDate: string | null;
}

export interface FeedStates {
  read(url: string): Promise<FeedState | null>;
  write(url: string, state: FeedState): Promise<void>;
}

/** The states in one Redis hash: feed URL → JSON. */
export function redisFeedStates(redis: Redis, key: string): FeedStates {
  return {
    async read(url) {
      const raw = await redis.hget(key, url);
      if (raw === null) return null;
      try {
        const value = JSON.parse(raw) as Partial<FeedState>;
        return { validators: value.validators ?? {}, feedDate: value.feedDate ?? null };
      } catch {
        return null;
      }
    },
    async write(url, state) {
      await redis.hset(key, url, JSON.stringify(state));
    },
  };
}
