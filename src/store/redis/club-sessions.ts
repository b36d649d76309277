/**
 * The current session, marking it done, announcements and the archive.
 *
 * Marking done is planned in TypeScript (src/club/session.ts: the next-paper rule lives there, once)
 * from an atomic snapshot, then applied by one script only if the club's version is still the
 * snapshot's: any vote, claim, question or queue change in between makes the apply answer false and
 * the caller plans again (src/club/service.ts). Two admins marking the same session done at once get
 * one archived session; the other plan no longer matches the session number.
 *
 * Announce once: a sorted set of announced session times, ZADD NX, so exactly one worker wins each.
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import { withAnnouncement, type DonePlan, type PromotionPlan } from '../../club/session.ts';
import type { ArchivedSession, Claim, ClubMember, Question, Vote } from '../../club/types.ts';
import type { ClubSessionStore } from '../types.ts';
import { TOUCH_MEMBER } from './club-lua.ts';
import { memberJson, parseArchived, parseClaim, parseCurrent, parseMember, parseQuestion, parseVote } from './club-records.ts';
import { queueScriptKeys, SEED, seedArgs } from './club.ts';
import { clubKeys, type Keys } from './keys.ts';
import { results } from './multi.ts';

// KEYS[1..5] as SEED, KEYS[6] claims, KEYS[7] votes, KEYS[8] current, KEYS[9] questions.
const SNAPSHOT = `${SEED}
seed(3)
return {
  redis.call('GET', KEYS[5]) or '0',
  redis.call('GET', KEYS[8]) or '',
  redis.call('LRANGE', KEYS[1], 0, -1),
  redis.call('HVALS', KEYS[6]),
  redis.call('ZRANGE', KEYS[7], 0, -1, 'WITHSCORES'),
  redis.call('LRANGE', KEYS[9], 0, -1),
}`;

// KEYS[1..5] as SEED, KEYS[6] claims, KEYS[7] votes, KEYS[8] current, KEYS[9] questions, KEYS[10] seen sources,
// KEYS[11] archived sessions hash, KEYS[12] history zset, KEYS[13] members.
// ARGV[1] expected version, ARGV[2] session number, ARGV[3] archived JSON, ARGV[4] done paper, ARGV[5] done time (ms),
// ARGV[6] finished-list member, ARGV[7] next paper or '', ARGV[8] next paper's queue metadata, ARGV[9] new current JSON,
// ARGV[10] presenter JSON or '', ARGV[11] done-by JSON, ARGV[12] done time (ISO).
const APPLY_DONE = `${TOUCH_MEMBER}
if (redis.call('GET', KEYS[5]) or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[11], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[12], ARGV[2], ARGV[2])
redis.call('LREM', KEYS[1], 0, ARGV[4])
redis.call('HDEL', KEYS[2], ARGV[4])
redis.call('HDEL', KEYS[6], ARGV[4])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[6])
if ARGV[7] ~= '' then
  redis.call('LREM', KEYS[1], 0, ARGV[7])
  redis.call('HSETNX', KEYS[2], ARGV[7], ARGV[8])
  redis.call('LPUSH', KEYS[1], ARGV[7])
end
redis.call('DEL', KEYS[7], KEYS[9], KEYS[10])
redis.call('SET', KEYS[8], ARGV[9])
if ARGV[10] ~= '' then touch(KEYS[13], ARGV[10], ARGV[12]) end
touch(KEYS[13], ARGV[11], ARGV[12])
redis.call('INCR', KEYS[5])
return 1`;

// KEYS[1] version, KEYS[2] current, KEYS[3] threads. ARGV[1] expected version, ARGV[2] new current JSON,
// ARGV[3] thread id or '', ARGV[4] session number.
const RECORD_ANNOUNCEMENT = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) end
redis.call('INCR', KEYS[1])
return 1`;

// KEYS[1..5] as SEED, KEYS[6] votes, KEYS[7] current. ARGV[1] expected version, ARGV[2] paper,
// ARGV[3] its queue metadata, ARGV[4] new current JSON.
const APPLY_PROMOTION = `
if (redis.call('GET', KEYS[5]) or '0') ~= ARGV[1] then return 0 end
redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3])
redis.call('LPUSH', KEYS[1], ARGV[2])
for _, member in ipairs(redis.call('ZRANGE', KEYS[6], 0, -1)) do
  local ok, vote = pcall(cjson.decode, member)
  if ok and type(vote) == 'table' and vote[1] == ARGV[2] then redis.call('ZREM', KEYS[6], member) end
end
redis.call('SET', KEYS[7], ARGV[4])
redis.call('INCR', KEYS[5])
return 1`;

/** Announced session times are kept this long, far past any retry of their announcement. */
const ANNOUNCED_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
/** Optimistic writes retry this often before giving up (each retry means another change landed). */
const MAX_ATTEMPTS = 20;

export function createClubSessionStore(redis: Redis, keys: Keys): ClubSessionStore {
  const k = (c: ChannelAddress) => clubKeys(keys, c);

  return {
    async clubSnapshot(channel, initial) {
      const { claims, votes, current, questions } = k(channel);
      const [version, currentJson, queue, claimValues, voteFlat, questionValues] = (await redis.eval(
        SNAPSHOT,
        9,
        ...queueScriptKeys(keys, channel),
        claims,
        votes,
        current,
        questions,
        ...seedArgs(initial, ''),
      )) as [string, string, string[], string[], string[], string[]];
      const voteList: Vote[] = [];
      for (let i = 0; i < voteFlat.length; i += 2) {
        const vote = parseVote(voteFlat[i]!, voteFlat[i + 1]!);
        if (vote) voteList.push(vote);
      }
      return {
        version: Number(version),
        current: parseCurrent(currentJson),
        queue,
        claims: claimValues.map((v) => parseClaim(v)).filter((c): c is Claim => c !== null),
        votes: voteList,
        questions: questionValues.map((v) => parseQuestion(v)).filter((q): q is Question => q !== null),
      };
    },

    async applyDone(channel, plan: DonePlan, expectedVersion) {
      const c = k(channel);
      const { archived, next, current } = plan;
      const nextMeta = JSON.stringify({ addedAt: archived.doneAt, addedBy: archived.doneBy.id });
      const applied = await redis.eval(
        APPLY_DONE,
        13,
        ...queueScriptKeys(keys, channel),
        c.claims,
        c.votes,
        c.current,
        c.questions,
        c.questionSources,
        c.sessions,
        c.history,
        c.members,
        String(expectedVersion),
        String(archived.number),
        JSON.stringify(archived),
        archived.paperId,
        Date.parse(archived.doneAt),
        JSON.stringify({ paperId: archived.paperId, finishedAt: archived.doneAt }),
        next?.paperId ?? '',
        nextMeta,
        JSON.stringify(current),
        archived.presenter ? memberJson(archived.presenter) : '',
        memberJson(archived.doneBy),
        archived.doneAt,
      );
      return applied === 1;
    },

    async applyPromotion(channel, plan: PromotionPlan, at, expectedVersion) {
      const c = k(channel);
      const addedBy = plan.next.presenter?.id;
      const meta = JSON.stringify({ addedAt: at.toISOString(), ...(addedBy === undefined ? {} : { addedBy }) });
      const applied = await redis.eval(
        APPLY_PROMOTION,
        7,
        ...queueScriptKeys(keys, channel),
        c.votes,
        c.current,
        String(expectedVersion),
        plan.next.paperId,
        meta,
        JSON.stringify(plan.current),
      );
      return applied === 1;
    },

    async claimAnnouncement(channel, sessionAt) {
      const key = k(channel).announced;
      const [added] = results(
        await redis
          .multi()
          .zadd(key, 'NX', sessionAt.getTime(), sessionAt.toISOString())
          .zremrangebyscore(key, '-inf', `(${sessionAt.getTime() - ANNOUNCED_RETENTION_MS}`)
          .exec(),
      );
      return added === 1;
    },

    async releaseAnnouncement(channel, sessionAt) {
      await redis.zrem(k(channel).announced, sessionAt.toISOString());
    },

    async recordAnnouncement(channel, sessionNumber, announcement) {
      const c = k(channel);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const [version, currentJson] = results(await redis.multi().get(c.version).get(c.current).exec()) as [string | null, string | null];
        const current = parseCurrent(currentJson);
        if (current.number !== sessionNumber) {
          if (announcement.threadId !== null) await redis.hset(c.threads, announcement.threadId, String(sessionNumber));
          return false;
        }
        const updated = withAnnouncement(current, announcement);
        const applied = await redis.eval(
          RECORD_ANNOUNCEMENT,
          3,
          c.version,
          c.current,
          c.threads,
          version ?? '0',
          JSON.stringify(updated),
          announcement.threadId ?? '',
          String(sessionNumber),
        );
        if (applied === 1) return true;
      }
      throw new Error(`club state of ${channel.platform}:${channel.channel} kept changing while recording an announcement`);
    },

    async sessionForThread(channel, threadId) {
      const value = await redis.hget(k(channel).threads, threadId);
      const number = value === null ? Number.NaN : Number(value);
      return Number.isInteger(number) && number >= 1 ? number : null;
    },

    async archivedSessions(channel) {
      const c = k(channel);
      const numbers = await redis.zrevrange(c.history, 0, -1);
      if (numbers.length === 0) return [];
      const values = await redis.hmget(c.sessions, ...numbers);
      return values.map((v) => parseArchived(v)).filter((s): s is ArchivedSession => s !== null);
    },

    async clubMembers(channel) {
      return (await redis.hvals(k(channel).members)).map((v) => parseMember(v)).filter((m): m is ClubMember => m !== null);
    },
  };
}
