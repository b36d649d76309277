/**
 * At most one message per interval into one channel, across every process on every machine, counted
 * when a request is SENT (not when a job starts): the key holds the earliest time, on Redis's clock,
 * at which the next request into the channel may go out. Taking a slot moves it one interval on; a
 * 429's Retry-After moves it further. A slow request cannot make the next ones bunch up, because the
 * next slot was fixed when that request went out. BullMQ's per-group limits would do this but are
 * BullMQ Pro only.
 */
import type { Redis } from 'ioredis';

// KEYS[1] pace key; ARGV[1] interval ms. Returns 0 (slot taken) or ms to wait.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if now >= nextAt then
  redis.call('SET', KEYS[1], now + interval, 'PX', interval + 60000)
  return 0
end
return nextAt - now`;

// KEYS[1] pace key; ARGV[1] ms from now. Never shortens an existing wait.
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilAt = now + tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilAt > nextAt then redis.call('SET', KEYS[1], untilAt, 'PX', tonumber(ARGV[1]) + 60000) end
return 0`;

/** 0 when the caller may send now (the slot is taken), else how many ms to wait. */
export async function takeSendSlot(redis: Redis, key: string, intervalMs: number): Promise<number> {
  if (intervalMs <= 0) return 0;
  return Number(await redis.eval(TAKE, 1, key, String(Math.ceil(intervalMs))));
}

/** Keeps the channel shut for `ms` from now, e.g. after a 429 with Retry-After. */
export async function holdChannel(redis: Redis, key: string, ms: number): Promise<void> {
  if (ms > 0) await redis.eval(HOLD, 1, key, String(Math.ceil(ms)));
}
