/**
 * The reading queue. A list holds paper ids head first, a hash holds each queued paper's metadata,
 * a sorted set (scored by finish time) holds finished papers. Every operation is one Lua script that
 * first seeds the queue from the numbered list exactly once (SET NX marker), so the queue is never
 * half-written and two first uses at once cannot seed it twice.
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import type { ClubFinishedEntry, ClubQueueEntry, ClubStore } from '../types.ts';
import type { Keys } from './keys.ts';

// KEYS[1] queue list, KEYS[2] meta hash, KEYS[3] seeded marker.
// ARGV[1] metadata for seeded papers, ARGV[2] the operation's argument, ARGV[3..] the initial ids.
const SEED = `
local function seed(firstId)
  if redis.call('SET', KEYS[3], '1', 'NX') then
    for i = firstId, #ARGV do
      if redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[1]) == 1 then redis.call('RPUSH', KEYS[1], ARGV[i]) end
    end
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
return { id, meta }`;

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

export function createClubStore(redis: Redis, keys: Keys): ClubStore {
  const scriptKeys = (c: ChannelAddress) => [
    keys.channel(c, 'club:queue'),
    keys.channel(c, 'club:meta'),
    keys.channel(c, 'club:seeded'),
    keys.channel(c, 'club:finished'),
  ];
  // The seed list's papers are "added" when the queue is first used.
  const seedArgs = (initial: readonly string[], opArg: string) => [
    JSON.stringify({ addedAt: new Date().toISOString() }),
    opArg,
    ...initial,
  ];

  return {
    async queue(channel, initial) {
      const flat = (await redis.eval(QUEUE, 4, ...scriptKeys(channel), ...seedArgs(initial, ''))) as string[];
      const entries: ClubQueueEntry[] = [];
      for (let i = 0; i < flat.length; i += 2) entries.push(toEntry(flat[i]!, flat[i + 1]!));
      return entries;
    },
    async enqueue(channel, paperId, addedBy, initial) {
      const meta: Meta = { addedAt: new Date().toISOString(), ...(addedBy === undefined ? {} : { addedBy }) };
      const arg = JSON.stringify({ paperId, meta: JSON.stringify(meta) });
      return (await redis.eval(ENQUEUE, 4, ...scriptKeys(channel), ...seedArgs(initial, arg))) === 1;
    },
    async finishHead(channel, initial, at) {
      const arg = JSON.stringify({ score: at.getTime(), finishedAt: at.toISOString() });
      const reply = (await redis.eval(FINISH, 4, ...scriptKeys(channel), ...seedArgs(initial, arg))) as [string, string] | null;
      return reply === null ? null : toEntry(reply[0], reply[1]);
    },
    async finished(channel, since) {
      const min = since === undefined ? '-inf' : String(since.getTime());
      const members = await redis.zrevrangebyscore(keys.channel(channel, 'club:finished'), '+inf', min);
      return members.map((member) => JSON.parse(member) as ClubFinishedEntry);
    },
  };
}
