/**
 * The reading queue. A list holds paper ids head first, a hash holds each queued paper's metadata,
 * a sorted set (scored by finish time) holds finished papers. Every operation is one Lua script that
 * first seeds the queue from the numbered list exactly once (SET NX marker), so the queue is never
 * half-written and two first uses at once cannot seed it twice. Scripts that change the queue bump the
 * club's version (KEYS[5]; see clubKeys), which the session store checks before applying a done session.
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import type { ClubFinishedEntry, ClubQueueEntry, ClubStore } from '../types.ts';
import { clubKeys, type Keys } from './keys.ts';

// KEYS[1] queue list, KEYS[2] meta hash, KEYS[3] seeded marker, KEYS[4] finished zset, KEYS[5] version.
// ARGV[1] metadata for seeded papers, ARGV[2] the operation's argument, ARGV[3..] the initial ids.
// Shared with the session store's scripts, which use the same first five keys.
export const SEED = `
local function seed(firstId)
  if redis.call('SET', KEYS[3], '1', 'NX') then
    for i = firstId, #ARGV do
      if redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[1]) == 1 then redis.call('RPUSH', KEYS[1], ARGV[i]) end
    end
    redis.call('INCR', KEYS[5])
  end
end
`;

const QUEUE = `${SEED}
seed(3)
local ids = redis.call('LRANGE', KEYS[1], 0, -1)
local out = {}
for i, id in ipairs(ids) do
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', KEYS[2], id) or '{}'
end
return out`;

// ARGV[2] = JSON {paperId, meta}.
const ENQUEUE = `${SEED}
seed(3)
local item = cjson.decode(ARGV[2])
if redis.call('HSETNX', KEYS[2], item.paperId, item.meta) == 0 then return 0 end
redis.call('RPUSH', KEYS[1], item.paperId)
redis.call('INCR', KEYS[5])
return 1`;

// KEYS[4] finished zset. ARGV[2] = JSON {score, finishedAt}.
const FINISH = `${SEED}
seed(3)
local id = redis.call('LPOP', KEYS[1])
if not id then return nil end
local meta = redis.call('HGET', KEYS[2], id) or '{}'
redis.call('HDEL', KEYS[2], id)
local at = cjson.decode(ARGV[2])
redis.call('ZADD', KEYS[4], at.score, cjson.encode({ paperId = id, finishedAt = at.finishedAt }))
redis.call('INCR', KEYS[5])
return { id, meta }`;

// ARGV[2] = JSON {paperId, position} (1-based; past the end means last). Returns {from, to} or nil.
const MOVE = `${SEED}
seed(3)
local arg = cjson.decode(ARGV[2])
local from = redis.call('LPOS', KEYS[1], arg.paperId)
if not from then return nil end
from = from + 1
redis.call('LREM', KEYS[1], 0, arg.paperId)
local length = redis.call('LLEN', KEYS[1])
local to = math.max(1, math.min(arg.position, length + 1))
if to > length then
  redis.call('RPUSH', KEYS[1], arg.paperId)
else
  -- Queue ids are unique, so the paper now at the target position is an exact pivot.
  redis.call('LINSERT', KEYS[1], 'BEFORE', redis.call('LINDEX', KEYS[1], to - 1), arg.paperId)
end
if from ~= to then redis.call('INCR', KEYS[5]) end
return { from, to }`;

// KEYS[6] claims hash, KEYS[7] votes zset. ARGV[2] = the paper id. Removing a paper from the queue
// also drops the claims and votes on it: the club decided not to read it.
const REMOVE = `${SEED}
seed(3)
local removed = redis.call('LREM', KEYS[1], 0, ARGV[2])
if removed == 0 then return 0 end
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[6], ARGV[2])
local votes = redis.call('ZRANGE', KEYS[7], 0, -1)
for _, member in ipairs(votes) do
  if cjson.decode(member)[1] == ARGV[2] then redis.call('ZREM', KEYS[7], member) end
end
redis.call('INCR', KEYS[5])
return 1`;

interface Meta {
  addedAt?: string;
  addedBy?: string;
}

function toEntry(paperId: string, metaJson: string): ClubQueueEntry {
  const meta = JSON.parse(metaJson) as Meta;
  return {
    paperId,
    addedAt: meta.addedAt ?? new Date(0).toISOString(),
    ...(meta.addedBy === undefined ? {} : { addedBy: meta.addedBy }),
  };
}

/** The first five keys of every queue script (see SEED). */
export function queueScriptKeys(keys: Keys, channel: ChannelAddress): string[] {
  const k = clubKeys(keys, channel);
  return [k.queue, k.queueMeta, k.seeded, k.finished, k.version];
}

/** The seed list's papers are "added" when the queue is first used. */
export function seedArgs(initial: readonly string[], opArg: string): string[] {
  return [JSON.stringify({ addedAt: new Date().toISOString() }), opArg, ...initial];
}

export function createClubStore(redis: Redis, keys: Keys): ClubStore {
  const scriptKeys = (c: ChannelAddress) => queueScriptKeys(keys, c);

  return {
    async queue(channel, initial) {
      const flat = (await redis.eval(QUEUE, 5, ...scriptKeys(channel), ...seedArgs(initial, ''))) as string[];
      const entries: ClubQueueEntry[] = [];
      for (let i = 0; i < flat.length; i += 2) entries.push(toEntry(flat[i]!, flat[i + 1]!));
      return entries;
    },
    async enqueue(channel, paperId, addedBy, initial) {
      const meta: Meta = { addedAt: new Date().toISOString(), ...(addedBy === undefined ? {} : { addedBy }) };
      const arg = JSON.stringify({ paperId, meta: JSON.stringify(meta) });
      return (await redis.eval(ENQUEUE, 5, ...scriptKeys(channel), ...seedArgs(initial, arg))) === 1;
    },
    async finishHead(channel, initial, at) {
      const arg = JSON.stringify({ score: at.getTime(), finishedAt: at.toISOString() });
      const reply = (await redis.eval(FINISH, 5, ...scriptKeys(channel), ...seedArgs(initial, arg))) as [string, string] | null;
      return reply === null ? null : toEntry(reply[0], reply[1]);
    },
    async finished(channel, since) {
      const min = since === undefined ? '-inf' : String(since.getTime());
      const members = await redis.zrevrangebyscore(clubKeys(keys, channel).finished, '+inf', min);
      return members.map((member) => JSON.parse(member) as ClubFinishedEntry);
    },
    async moveInQueue(channel, paperId, position, initial) {
      const arg = JSON.stringify({ paperId, position: Math.max(1, Math.floor(position)) });
      const reply = (await redis.eval(MOVE, 5, ...scriptKeys(channel), ...seedArgs(initial, arg))) as [number, number] | null;
      return reply === null ? null : { from: reply[0], to: reply[1] };
    },
    async removeFromQueue(channel, paperId, initial) {
      const k = clubKeys(keys, channel);
      return (await redis.eval(REMOVE, 7, ...scriptKeys(channel), k.claims, k.votes, ...seedArgs(initial, paperId))) === 1;
    },
  };
}
