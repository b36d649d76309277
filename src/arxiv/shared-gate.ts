/**
 * arXiv's limit (one request every 3 seconds) applies to all of a deployment's machines together.
 * This gate keeps the time of the last request start in Redis, read and written atomically with
 * Redis's own clock, so every process sharing the Redis (bot, workers on other machines, the CLI)
 * spaces its arXiv requests against the others. Within one process, requests also queue locally so
 * they don't all poll Redis at once. When arXiv answers 429 or 503 with Retry-After, the gate stays
 * shut that long for everyone: no process sends another request before arXiv said it may.
 */
import type { Redis } from 'ioredis';
import { requestedWaitMs } from './http.ts';
import { ARXIV_MIN_INTERVAL_MS, RequestSpacer, realTiming, type ArxivRequestGate, type SpacerTiming } from './request-spacer.ts';

// Returns 0 and records "now" when the slot is free, else how many ms to wait. The key holds the last
// request start, or a time in the future while a Retry-After holds the gate (the key's expiry bounds it).
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local elapsed = now - last
if elapsed >= interval then
  redis.call('SET', KEYS[1], now, 'PX', interval * 2)
  return 0
end
return interval - elapsed
`;

// Shuts the gate until ARGV[2] ms from now (never shortens it): the next slot opens then.
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local wait = tonumber(ARGV[2])
local last = now + wait - interval
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if last > current then redis.call('SET', KEYS[1], last, 'PX', wait + interval * 2) end
return 0
`;

/** The one key every process of a deployment uses for the gate (bot, workers, CLI). */
export const arxivGateKey = (prefix: string): string => `${prefix}:arxiv:last-request`;

export interface SharedGateOptions {
  redis: Redis;
  /** Redis key, e.g. `<prefix>:arxiv:last-request`. */
  key: string;
  minIntervalMs?: number;
  timing?: SpacerTiming;
}

export function createSharedArxivGate(options: SharedGateOptions): ArxivRequestGate {
  const interval = options.minIntervalMs ?? ARXIV_MIN_INTERVAL_MS;
  const timing = options.timing ?? realTiming;
  // Local queue first (no spacing of its own): one request of this process at a time asks Redis.
  const local = new RequestSpacer({ minIntervalMs: 0, timing });

  async function takeSlot(): Promise<void> {
    for (;;) {
      const wait = Number(await options.redis.eval(TAKE_SLOT, 1, options.key, String(interval)));
      if (wait <= 0) return;
      await timing.sleep(wait);
    }
  }

  return {
    run: <T>(task: () => Promise<T>): Promise<T> =>
      local.run(async () => {
        await takeSlot();
        try {
          return await task();
        } catch (error) {
          const wait = requestedWaitMs(error);
          if (wait !== undefined) await options.redis.eval(HOLD, 1, options.key, String(interval), String(Math.ceil(wait)));
          throw error;
        }
      }),
  };
}
