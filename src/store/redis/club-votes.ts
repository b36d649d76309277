/**
 * Votes and presenter claims. Votes are one sorted set per channel, members `["<paper>","<member>"]`
 * scored by the vote's time: ZADD NX answers 1 to exactly one of two identical votes, so one member
 * has one vote per paper however many clicks arrive at once. Claims are a hash paper → claim; one Lua
 * script checks "one member per paper" and the per-member cap and writes, so two members claiming the
 * same paper at once get one winner. Every change bumps the club version (see clubKeys).
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import { MAX_CLAIMS_PER_MEMBER, type ClaimOutcome } from '../../club/claims.ts';
import type { Claim, Vote } from '../../club/types.ts';
import type { ClubClaimStore, ClubVoteStore } from '../types.ts';
import { TOUCH_MEMBER } from './club-lua.ts';
import { memberJson, parseClaim, parseVote, voteMember } from './club-records.ts';
import { clubKeys, type Keys } from './keys.ts';

// KEYS[1] votes, KEYS[2] members, KEYS[3] version. ARGV[1] vote member, ARGV[2] time (ms), ARGV[3] member JSON, ARGV[4] time (ISO).
const VOTE = `${TOUCH_MEMBER}
local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
touch(KEYS[2], ARGV[3], ARGV[4])
if added == 1 then redis.call('INCR', KEYS[3]) end
return added`;

// KEYS[1] votes, KEYS[2] version. ARGV[1] vote member.
const UNVOTE = `
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
if removed == 1 then redis.call('INCR', KEYS[2]) end
return removed`;

// KEYS[1] claims, KEYS[2] members, KEYS[3] version.
// ARGV[1] paper, ARGV[2] claim JSON, ARGV[3] member id, ARGV[4] cap, ARGV[5] member JSON, ARGV[6] time (ISO).
const CLAIM = `${TOUCH_MEMBER}
touch(KEYS[2], ARGV[5], ARGV[6])
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then
  local ok, held = pcall(cjson.decode, existing)
  if ok and type(held) == 'table' and type(held.member) == 'table' and held.member.id == ARGV[3] then
    return { 'already_yours', existing }
  end
  return { 'taken', existing }
end
local mine = {}
for _, value in ipairs(redis.call('HVALS', KEYS[1])) do
  local ok, held = pcall(cjson.decode, value)
  if ok and type(held) == 'table' and type(held.member) == 'table' and held.member.id == ARGV[3] then mine[#mine + 1] = value end
end
if #mine >= tonumber(ARGV[4]) then
  table.insert(mine, 1, 'too_many')
  return mine
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('INCR', KEYS[3])
return { 'claimed', ARGV[2] }`;

// KEYS[1] claims, KEYS[2] version. ARGV[1] paper, ARGV[2] member id ('' = whoever holds it).
const UNCLAIM = `
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if not existing then return nil end
if ARGV[2] ~= '' then
  local ok, held = pcall(cjson.decode, existing)
  if not (ok and type(held) == 'table' and type(held.member) == 'table' and held.member.id == ARGV[2]) then return nil end
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('INCR', KEYS[2])
return existing`;

/** A claim the store holds that no longer parses still blocks its paper; show it as held by "unknown". */
function claimOrPlaceholder(json: string, paperId: string, at: Date): Claim {
  return parseClaim(json) ?? { paperId, member: { id: 'unknown' }, claimedAt: at.toISOString() };
}

export function createClubVoteStore(redis: Redis, keys: Keys): ClubVoteStore & ClubClaimStore {
  const k = (c: ChannelAddress) => clubKeys(keys, c);

  return {
    async vote(channel, paperId, member, at) {
      const { votes, members, version } = k(channel);
      const added = await redis.eval(VOTE, 3, votes, members, version, voteMember(paperId, member.id), at.getTime(), memberJson(member), at.toISOString());
      return added === 1;
    },
    async unvote(channel, paperId, memberId) {
      const { votes, version } = k(channel);
      return (await redis.eval(UNVOTE, 2, votes, version, voteMember(paperId, memberId))) === 1;
    },
    async votes(channel) {
      const flat = await redis.zrange(k(channel).votes, 0, -1, 'WITHSCORES');
      const votes: Vote[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const vote = parseVote(flat[i]!, flat[i + 1]!);
        if (vote) votes.push(vote);
      }
      return votes;
    },
    async claim(channel, paperId, member, at): Promise<ClaimOutcome> {
      const { claims, members, version } = k(channel);
      const claim: Claim = { paperId, member: JSON.parse(memberJson(member)) as Claim['member'], claimedAt: at.toISOString() };
      const reply = (await redis.eval(
        CLAIM,
        3,
        claims,
        members,
        version,
        paperId,
        JSON.stringify(claim),
        member.id,
        MAX_CLAIMS_PER_MEMBER,
        memberJson(member),
        at.toISOString(),
      )) as string[];
      const [kind, ...values] = reply;
      if (kind === 'too_many') return { kind, claims: values.map((v) => parseClaim(v)).filter((c): c is Claim => c !== null) };
      if (kind === 'claimed') return { kind, claim };
      if (kind === 'already_yours' || kind === 'taken') return { kind, claim: claimOrPlaceholder(values[0]!, paperId, at) };
      throw new Error(`unexpected claim reply from Redis: ${String(kind)}`);
    },
    async unclaim(channel, paperId, memberId) {
      const { claims, version } = k(channel);
      const removed = (await redis.eval(UNCLAIM, 2, claims, version, paperId, memberId ?? '')) as string | null;
      return removed === null ? null : claimOrPlaceholder(removed, paperId, new Date(0));
    },
    async claims(channel) {
      return (await redis.hvals(k(channel).claims)).map((v) => parseClaim(v)).filter((c): c is Claim => c !== null);
    },
  };
}
