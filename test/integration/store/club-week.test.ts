/**
 * The club's Redis state against the real Redis: queue edits, schedules, votes, claims, questions,
 * sessions marked done (also at once, from two connections), announce-once, threads, calendar tokens,
 * and everything surviving a reconnect.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { calendarFeed, calendarToken, fillEmptySession, loadSession, markSessionDone, rotateCalendarToken } from '../../../src/club/service.ts';
import { makeClubSchedule, type ClubSchedule } from '../../../src/club/schedule.ts';
import { MAX_QUESTIONS_PER_SESSION } from '../../../src/club/questions.ts';
import { createRedisStore } from '../../../src/store/redis/index.ts';
import { clubKeys, createKeys } from '../../../src/store/redis/keys.ts';
import type { Store } from '../../../src/store/types.ts';
import { connectTestRedis } from '../../helpers/redis.ts';
import { testLibrary } from '../../unit/club/library.ts';
import { redisFixture, type RedisFixture } from './redis-fixture.ts';

const channel: ChannelAddress = { platform: 'discord', workspace: 'G1', channel: 'C1' };
const other: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'C9' };
const initial = ['p1', 'p2', 'p3'];
const ana = { id: 'U-ana', name: 'Ana' };
const bo = { id: 'U-bo', name: 'Bo' };
const admin = { id: 'U-admin', name: 'Admin' };
const t = (minute: number) => new Date(Date.UTC(2025, 2, 20, 12, minute));

function berlinTuesday(): ClubSchedule {
  const made = makeClubSchedule({ weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin' }, new Date('2025-03-19T00:00:00Z'));
  if (!made.ok) throw new Error(made.error);
  return made.value;
}

describe('club week (Redis)', () => {
  let f: RedisFixture;
  let store: Store;
  beforeEach(async () => {
    f = await redisFixture();
    store = f.store;
  });
  afterEach(async () => {
    await f.teardown();
  });

  /** A second store on its own connection under the same prefix: another worker or a restarted bot. */
  async function secondStore(): Promise<Store> {
    const redis = await connectTestRedis();
    return createRedisStore(redis, f.prefix);
  }

  describe('reading queue edits', () => {
    it('moves a paper to a position, clamped to the queue', async () => {
      expect(await store.moveInQueue(channel, 'p3', 1, initial)).toEqual({ from: 3, to: 1 });
      expect((await store.queue(channel, initial)).map((q) => q.paperId)).toEqual(['p3', 'p1', 'p2']);
      expect(await store.moveInQueue(channel, 'p3', 99, initial)).toEqual({ from: 1, to: 3 });
      expect((await store.queue(channel, initial)).map((q) => q.paperId)).toEqual(['p1', 'p2', 'p3']);
      expect(await store.moveInQueue(channel, 'p1', 2, initial)).toEqual({ from: 1, to: 2 });
      expect((await store.queue(channel, initial)).map((q) => q.paperId)).toEqual(['p2', 'p1', 'p3']);
      expect(await store.moveInQueue(channel, 'nope', 1, initial)).toBeNull();
      // The queue keeps each paper's metadata through a move.
      expect((await store.queue(channel, initial)).every((q) => !Number.isNaN(Date.parse(q.addedAt)))).toBe(true);
    });

    it('removes a paper with the claims and votes on it', async () => {
      await store.vote(channel, 'p2', ana, t(1));
      await store.vote(channel, 'p3', ana, t(2));
      await store.claim(channel, 'p2', bo, t(3));
      expect(await store.removeFromQueue(channel, 'p2', initial)).toBe(true);
      expect(await store.removeFromQueue(channel, 'p2', initial)).toBe(false);
      expect((await store.queue(channel, initial)).map((q) => q.paperId)).toEqual(['p1', 'p3']);
      expect((await store.votes(channel)).map((v) => v.paperId)).toEqual(['p3']);
      expect(await store.claims(channel)).toEqual([]);
      // It can be added again later, with a new entry.
      expect(await store.enqueue(channel, 'p2', 'U-admin', initial)).toBe(true);
    });

    it('bumps the club version on every change, and not on a no-op', async () => {
      const version = async () => (await store.clubSnapshot(channel, initial)).version;
      const seeded = await version();
      await store.moveInQueue(channel, 'p1', 1, initial);
      expect(await version()).toBe(seeded);
      await store.moveInQueue(channel, 'p1', 2, initial);
      expect(await version()).toBe(seeded + 1);
      await store.vote(channel, 'p3', ana, t(1));
      await store.vote(channel, 'p3', ana, t(2));
      expect(await version()).toBe(seeded + 2);
    });
  });

  describe('session schedule', () => {
    it('stores, lists and clears a schedule with its skipped dates', async () => {
      const schedule = berlinTuesday();
      await store.setClubSchedule(channel, schedule);
      expect(await store.getClubSchedule(channel)).toEqual(schedule);
      expect(await store.allClubSchedules()).toEqual([{ channel, schedule }]);
      expect(await store.skipSession(channel, '2025-04-01', '2025-03-20')).toBe('skipped');
      expect(await store.skipSession(channel, '2025-04-01', '2025-03-20')).toBe('already');
      expect(await store.skippedSessions(channel)).toEqual(['2025-04-01']);
      expect(await store.clearClubSchedule(channel)).toBe(true);
      expect(await store.clearClubSchedule(channel)).toBe(false);
      expect(await store.getClubSchedule(channel)).toBeNull();
      expect(await store.skippedSessions(channel)).toEqual([]);
      expect(await store.allClubSchedules()).toEqual([]);
    });

    it('prunes past skips and caps how many are kept', async () => {
      await store.skipSession(channel, '2025-01-07', '2025-01-01');
      expect(await store.skipSession(channel, '2025-04-01', '2025-03-20')).toBe('skipped');
      expect(await store.skippedSessions(channel)).toEqual(['2025-04-01']);
      expect(await store.unskipSession(channel, '2025-04-01')).toBe(true);
      expect(await store.unskipSession(channel, '2025-04-01')).toBe(false);
      for (let week = 0; week < 52; week++) {
        const date = new Date(Date.UTC(2026, 0, 6 + week * 7)).toISOString().slice(0, 10);
        expect(await store.skipSession(channel, date, '2025-03-20')).toBe('skipped');
      }
      expect(await store.skipSession(channel, '2027-06-01', '2025-03-20')).toBe('too_many');
    });

    it('refuses to store an invalid schedule and ignores a hand-edited one', async () => {
      await expect(store.setClubSchedule(channel, { ...berlinTuesday(), anchorDate: '2025-03-26' })).rejects.toThrow();
      await f.redis.set(clubKeys(createKeys(f.prefix), channel).schedule, '{"weekday":9}');
      expect(await store.getClubSchedule(channel)).toBeNull();
    });
  });

  describe('votes', () => {
    it('keeps one vote per member per paper, and unvotes', async () => {
      expect(await store.vote(channel, 'p2', ana, t(1))).toBe(true);
      expect(await store.vote(channel, 'p2', ana, t(2))).toBe(false);
      expect(await store.vote(channel, 'p3', ana, t(3))).toBe(true);
      expect(await store.vote(channel, 'p2', bo, t(4))).toBe(true);
      expect(await store.votes(channel)).toEqual([
        { paperId: 'p2', memberId: 'U-ana', votedAt: t(1).toISOString() },
        { paperId: 'p3', memberId: 'U-ana', votedAt: t(3).toISOString() },
        { paperId: 'p2', memberId: 'U-bo', votedAt: t(4).toISOString() },
      ]);
      expect(await store.unvote(channel, 'p2', 'U-ana')).toBe(true);
      expect(await store.unvote(channel, 'p2', 'U-ana')).toBe(false);
      expect((await store.votes(channel)).map((v) => `${v.paperId}:${v.memberId}`)).toEqual(['p3:U-ana', 'p2:U-bo']);
      expect(await store.votes(other)).toEqual([]);
    });

    it('counts every member once when many vote at once, from two connections', async () => {
      const second = await secondStore();
      try {
        const members = Array.from({ length: 30 }, (_, i) => ({ id: `U${i}` }));
        const outcomes = await Promise.all(members.flatMap((m, i) => [store.vote(channel, 'p2', m, t(i)), second.vote(channel, 'p2', m, t(i))]));
        expect(outcomes.filter(Boolean)).toHaveLength(30);
        const { view } = await loadSession(store, channel, initial);
        expect(view.tallies).toHaveLength(1);
        expect(view.tallies[0]!.votes).toBe(30);
      } finally {
        await second.close();
      }
    });

    it('remembers who voted, for the presenter rotation', async () => {
      await store.vote(channel, 'p2', ana, t(5));
      await store.vote(channel, 'p3', { id: 'U-ana' }, t(9));
      expect(await store.clubMembers(channel)).toEqual([{ id: 'U-ana', name: 'Ana', firstSeen: t(5).toISOString(), lastSeen: t(9).toISOString() }]);
    });
  });

  describe('claims', () => {
    it('gives a paper to one member and caps claims per member', async () => {
      expect(await store.claim(channel, 'p1', ana, t(1))).toEqual({ kind: 'claimed', claim: { paperId: 'p1', member: ana, claimedAt: t(1).toISOString() } });
      expect(await store.claim(channel, 'p1', ana, t(2))).toMatchObject({ kind: 'already_yours', claim: { claimedAt: t(1).toISOString() } });
      expect(await store.claim(channel, 'p1', bo, t(3))).toMatchObject({ kind: 'taken', claim: { member: ana } });
      expect(await store.claim(channel, 'x2', ana, t(4))).toMatchObject({ kind: 'claimed' });
      expect(await store.claim(channel, 'x3', ana, t(5))).toMatchObject({ kind: 'claimed' });
      const refused = await store.claim(channel, 'x4', ana, t(6));
      expect(refused.kind).toBe('too_many');
      if (refused.kind === 'too_many') expect(refused.claims.map((c) => c.paperId).sort()).toEqual(['p1', 'x2', 'x3']);
      const { view } = await loadSession(store, channel, initial);
      expect(view.presenter).toEqual(ana);
    });

    it('lets one of many members claim a paper at once', async () => {
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim(channel, 'p2', { id: `U${i}` }, t(i))));
      expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'taken')).toHaveLength(19);
      expect(await store.claims(channel)).toHaveLength(1);
    });

    it("unclaims only the holder's claim, or any for an admin", async () => {
      await store.claim(channel, 'p1', ana, t(1));
      expect(await store.unclaim(channel, 'p1', 'U-bo')).toBeNull();
      expect(await store.unclaim(channel, 'p1', 'U-ana')).toMatchObject({ paperId: 'p1', member: ana });
      await store.claim(channel, 'p1', ana, t(2));
      expect(await store.unclaim(channel, 'p1', null)).toMatchObject({ member: ana });
      expect(await store.unclaim(channel, 'p1', null)).toBeNull();
    });
  });

  describe('questions', () => {
    const ask = (text: string, extra: { sourceId?: string; minute?: number } = {}) => ({
      member: bo,
      text,
      askedAt: t(extra.minute ?? 1).toISOString(),
      source: extra.sourceId === undefined ? ('command' as const) : ('thread' as const),
      ...(extra.sourceId === undefined ? {} : { sourceId: extra.sourceId }),
    });

    it('collects questions in order with ids, once per thread reply', async () => {
      expect(await store.addQuestion(channel, ask('Why low rank?'))).toMatchObject({ kind: 'added', question: { id: '1', text: 'Why low rank?', member: bo } });
      expect(await store.addQuestion(channel, ask('And the alpha?', { sourceId: 'msg-1' }), { sessionNumber: 1 })).toMatchObject({
        kind: 'added',
        question: { id: '2', source: 'thread', sourceId: 'msg-1' },
      });
      expect(await store.addQuestion(channel, ask('And the alpha?', { sourceId: 'msg-1' }), { sessionNumber: 1 })).toEqual({ kind: 'duplicate' });
      expect(await store.addQuestion(channel, ask('Old thread?', { sourceId: 'msg-2' }), { sessionNumber: 2 })).toEqual({ kind: 'session_over' });
      expect((await store.questions(channel)).map((q) => q.text)).toEqual(['Why low rank?', 'And the alpha?']);
    });

    it('keeps text exactly, including quotes, backslashes and non-ASCII', async () => {
      const text = 'Is "rank" \\ r = 8 enough — für 7B? <@U123> `code`';
      const added = await store.addQuestion(channel, ask(text));
      expect(added.kind === 'added' && added.question.text).toBe(text);
      expect((await store.questions(channel))[0]!.text).toBe(text);
    });

    it('keeps every question asked at once, and stops at the cap', async () => {
      const outcomes = await Promise.all(Array.from({ length: MAX_QUESTIONS_PER_SESSION + 5 }, (_, i) => store.addQuestion(channel, ask(`q${i}?`))));
      expect(outcomes.filter((o) => o.kind === 'added')).toHaveLength(MAX_QUESTIONS_PER_SESSION);
      expect(outcomes.filter((o) => o.kind === 'full')).toHaveLength(5);
      const ids = (await store.questions(channel)).map((q) => q.id);
      expect(new Set(ids).size).toBe(MAX_QUESTIONS_PER_SESSION);
    });
  });

  describe('marking a session done', () => {
    it('archives the session and moves the club to the next paper (claimed first)', async () => {
      await store.claim(channel, 'p1', ana, t(1)); // Ana presents the current paper
      await store.vote(channel, 'p3', bo, t(2));
      await store.claim(channel, 'later', bo, t(3)); // Bo claims a paper not in the queue
      await store.addQuestion(channel, { member: bo, text: 'Why?', askedAt: t(4).toISOString(), source: 'command' });
      const outcome = await markSessionDone(store, channel, initial, { now: t(30), doneBy: admin, notesUrl: 'https://notes.example/1' });
      expect(outcome).toMatchObject({ kind: 'done', next: { paperId: 'later', chosenBy: 'claim', presenter: bo } });

      const [archived] = await store.archivedSessions(channel);
      expect(archived).toMatchObject({
        number: 1,
        paperId: 'p1',
        presenter: ana,
        heldAt: t(30).toISOString(),
        doneBy: admin,
        notesUrl: 'https://notes.example/1',
        recordingUrl: null,
        questions: [{ text: 'Why?' }],
        votes: [{ paperId: 'p3', votes: 1 }],
      });
      const { view } = await loadSession(store, channel, initial);
      expect(view).toMatchObject({ number: 2, paperId: 'later', presenter: bo, chosenBy: 'claim', state: 'upcoming', questions: [], tallies: [] });
      expect((await store.queue(channel, initial)).map((q) => q.paperId)).toEqual(['later', 'p2', 'p3']);
      expect((await store.queue(channel, initial))[0]).toMatchObject({ addedBy: 'U-admin' });
      expect(await store.finished(channel)).toEqual([{ paperId: 'p1', finishedAt: t(30).toISOString() }]);
      expect((await store.claims(channel)).map((c) => c.paperId)).toEqual(['later']);
      expect((await store.clubMembers(channel)).map((m) => m.id).sort()).toEqual(['U-admin', 'U-ana', 'U-bo']);
    });

    it('takes the top vote next (ties: earliest vote), then the queue, then nothing', async () => {
      await store.vote(channel, 'p3', ana, t(1));
      await store.vote(channel, 'p2', bo, t(2));
      expect(await markSessionDone(store, channel, initial, { now: t(10), doneBy: admin })).toMatchObject({ next: { paperId: 'p3', chosenBy: 'vote', votes: 1 } });
      expect((await store.queue(channel, initial)).map((q) => q.paperId)).toEqual(['p3', 'p2']);
      // The round's votes were cleared: the queue decides now.
      expect(await markSessionDone(store, channel, initial, { now: t(11), doneBy: admin })).toMatchObject({ next: { paperId: 'p2', chosenBy: 'queue' } });
      expect(await markSessionDone(store, channel, initial, { now: t(12), doneBy: admin })).toMatchObject({ kind: 'done', next: null });
      expect(await markSessionDone(store, channel, initial, { now: t(13), doneBy: admin })).toEqual({ kind: 'no_paper' });
      expect((await store.archivedSessions(channel)).map((s) => [s.number, s.paperId, s.chosenBy])).toEqual([
        [3, 'p2', 'queue'],
        [2, 'p3', 'vote'],
        [1, 'p1', 'queue'],
      ]);
    });

    it('lets a claim or the votes give an empty club its next paper, once', async () => {
      for (const minute of [1, 2, 3]) await markSessionDone(store, channel, initial, { now: t(minute), doneBy: admin });
      expect(await markSessionDone(store, channel, initial, { now: t(4), doneBy: admin })).toEqual({ kind: 'no_paper' });
      expect(await fillEmptySession(store, channel, initial, t(5))).toBeNull();
      await store.vote(channel, 'wanted', ana, t(6));
      await store.vote(channel, 'wanted', bo, t(7));
      await store.vote(channel, 'other', bo, t(8));
      const second = await secondStore();
      try {
        const filled = await Promise.all([fillEmptySession(store, channel, initial, t(9)), fillEmptySession(second, channel, initial, t(9))]);
        expect(filled.filter((f) => f !== null)).toEqual([{ paperId: 'wanted', chosenBy: 'vote', presenter: null, votes: 2 }]);
      } finally {
        await second.close();
      }
      const { view } = await loadSession(store, channel, initial);
      expect(view).toMatchObject({ number: 4, paperId: 'wanted', chosenBy: 'vote', chosenVotes: 2 });
      // The votes for it are spent; the others still count for the next session.
      expect(view.tallies.map((v) => v.paperId)).toEqual(['other']);
      expect(await markSessionDone(store, channel, initial, { now: t(10), doneBy: admin })).toMatchObject({ kind: 'done', next: { paperId: 'other' } });
    });

    it('archives one session when two admins mark it done at once from two connections', async () => {
      const second = await secondStore();
      try {
        await store.vote(channel, 'p3', ana, t(1));
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, (_, i) => markSessionDone(i % 2 ? store : second, channel, initial, { now: t(20 + i), doneBy: admin, expectedNumber: 1 })),
        );
        expect(outcomes.filter((o) => o.kind === 'done')).toHaveLength(1);
        expect(outcomes.filter((o) => o.kind === 'already_done')).toEqual(Array.from({ length: 9 }, () => ({ kind: 'already_done', currentNumber: 2 })));
        expect(await store.archivedSessions(channel)).toHaveLength(1);
        expect((await store.queue(channel, initial)).map((q) => q.paperId)).toEqual(['p3', 'p2']);
        expect(await store.finished(channel)).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it('without a session number, finishes only the session current at its first read', async () => {
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => markSessionDone(store, channel, initial, { now: t(5), doneBy: admin })));
      expect(outcomes.filter((o) => o.kind === 'done')).toHaveLength(1);
      expect(await store.archivedSessions(channel)).toHaveLength(1);
    });

    it('plans again when a vote lands between the read and the write', async () => {
      const second = await secondStore();
      try {
        await store.vote(channel, 'p2', ana, t(1));
        let applies = 0;
        const racing: Pick<Store, 'clubSnapshot' | 'applyDone'> = {
          clubSnapshot: (c, i) => store.clubSnapshot(c, i),
          async applyDone(c, plan, version) {
            applies += 1;
            // Another worker's votes arrive after this plan was made: p3 now leads.
            if (applies === 1) {
              await second.vote(channel, 'p3', bo, t(0));
              await second.vote(channel, 'p3', admin, t(2));
            }
            return store.applyDone(c, plan, version);
          },
        };
        const outcome = await markSessionDone(racing, channel, initial, { now: t(10), doneBy: admin });
        expect(applies).toBe(2);
        expect(outcome).toMatchObject({ kind: 'done', next: { paperId: 'p3', chosenBy: 'vote', votes: 2 } });
        expect((await store.archivedSessions(channel))[0]!.votes.map((v) => v.paperId)).toEqual(['p3', 'p2']);
      } finally {
        await second.close();
      }
    });
  });

  describe('announcements and threads', () => {
    const sessionAt = new Date('2025-03-25T16:00:00Z');
    const announcement = (threadId: string | null, at = sessionAt) => ({
      sessionAt: at.toISOString(),
      postedAt: '2025-03-24T16:00:00.000Z',
      messageId: 'msg-1',
      threadId,
    });

    it('lets exactly one worker announce a session, and gives the claim back on failure', async () => {
      const second = await secondStore();
      try {
        const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : second).claimAnnouncement(channel, sessionAt)));
        expect(wins.filter(Boolean)).toHaveLength(1);
        expect(await store.claimAnnouncement(other, sessionAt)).toBe(true);
        await store.releaseAnnouncement(channel, sessionAt);
        expect(await second.claimAnnouncement(channel, sessionAt)).toBe(true);
        expect(await store.claimAnnouncement(channel, new Date('2025-04-01T15:00:00Z'))).toBe(true);
      } finally {
        await second.close();
      }
    });

    it('records the announcement on the session, once, and maps its thread', async () => {
      expect(await store.recordAnnouncement(channel, 1, announcement('thread-1'))).toBe(true);
      expect(await store.recordAnnouncement(channel, 1, announcement('thread-1'))).toBe(true);
      const { view } = await loadSession(store, channel, initial);
      expect(view.state).toBe('announced');
      expect(view.announcements).toEqual([announcement('thread-1')]);
      expect(await store.sessionForThread(channel, 'thread-1')).toBe(1);
      expect(await store.sessionForThread(channel, 'thread-x')).toBeNull();
      expect(await store.sessionForThread(other, 'thread-1')).toBeNull();

      // Done after the session: dated by the announced time; the thread now belongs to a past session.
      await markSessionDone(store, channel, initial, { now: new Date('2025-03-25T18:00:00Z'), doneBy: admin });
      expect((await store.archivedSessions(channel))[0]).toMatchObject({ heldAt: sessionAt.toISOString(), announcements: [announcement('thread-1')] });
      const late = { member: bo, text: 'Late?', askedAt: '2025-03-26T10:00:00.000Z', source: 'thread' as const, sourceId: 'r9' };
      expect(await store.addQuestion(channel, late, { sessionNumber: 1 })).toEqual({ kind: 'session_over' });
      // A post that finished after the session was marked done is not put on the next one.
      expect(await store.recordAnnouncement(channel, 1, announcement('thread-2'))).toBe(false);
      expect(await store.sessionForThread(channel, 'thread-2')).toBe(1);
      expect((await loadSession(store, channel, initial)).view.announcements).toEqual([]);
    });
  });

  describe('calendar tokens and feed', () => {
    it('makes one token per channel, even when asked at once', async () => {
      const tokens = await Promise.all(Array.from({ length: 5 }, () => calendarToken(store, channel)));
      expect(new Set(tokens).size).toBe(1);
      expect(await store.channelForCalendarToken(tokens[0]!)).toEqual(channel);
      expect(await calendarToken(store, other)).not.toBe(tokens[0]);
    });

    it('rotating a token kills the old URL at once', async () => {
      const old = await calendarToken(store, channel);
      const fresh = await rotateCalendarToken(store, channel);
      expect(fresh).not.toBe(old);
      expect(await store.channelForCalendarToken(old)).toBeNull();
      expect(await store.channelForCalendarToken(fresh)).toEqual(channel);
      expect(await calendarToken(store, channel)).toBe(fresh);
      expect(await store.channelForCalendarToken('')).toBeNull();
    });

    it('renders the feed a token opens, and nothing for a bad token', async () => {
      const library = testLibrary();
      const reading = ['2201.11903', '2202.08906'];
      await store.setClubSchedule(channel, berlinTuesday());
      await store.claim(channel, '2201.11903', ana, t(1));
      const token = await calendarToken(store, channel);
      const deps = { store, library, initial: reading };
      const feed = await calendarFeed(deps, token, new Date('2025-03-20T12:00:00Z'));
      expect(feed?.channel).toEqual(channel);
      // Unfold RFC 5545 continuation lines before reading properties.
      const body = feed!.body.replace(/\r\n[ \t]/g, '');
      expect(body).toContain('SUMMARY:Paper club: CoT: Chain-of-Thought Prompting Elicits Reasoning in Large Language Models\r\n');
      expect(body).toContain('DTSTART:20250325T160000Z');
      expect(body).toContain('Presenter: Ana');
      expect(await calendarFeed(deps, 'not-a-token', new Date())).toBeNull();
      expect(await calendarFeed(deps, 'A'.repeat(32), new Date())).toBeNull();
    });
  });

  it('keeps the whole club across a restart (a new connection sees the same state)', async () => {
    const schedule = berlinTuesday();
    await store.setClubSchedule(channel, schedule);
    await store.vote(channel, 'p2', ana, t(1));
    await store.claim(channel, 'p1', bo, t(2));
    await markSessionDone(store, channel, initial, { now: t(3), doneBy: admin });
    await store.vote(channel, 'p3', ana, t(4));
    const before = await loadSession(store, channel, initial);

    const restarted = await secondStore();
    try {
      expect(await restarted.getClubSchedule(channel)).toEqual(schedule);
      const after = await loadSession(restarted, channel, initial);
      expect(after.view).toEqual(before.view);
      expect(await restarted.archivedSessions(channel)).toEqual(await store.archivedSessions(channel));
    } finally {
      await restarted.close();
    }
  });

  it('skips stored records that do not parse instead of failing the channel', async () => {
    const k = clubKeys(createKeys(f.prefix), channel);
    await f.redis.hset(k.claims, 'p9', 'not json');
    await f.redis.set(k.current, '{"number":"x"}');
    await f.redis.rpush(k.questions, '{"id":1}');
    const { view } = await loadSession(store, channel, initial);
    expect(view).toMatchObject({ number: 1, paperId: 'p1', presenter: null, questions: [] });
    expect(await store.claims(channel)).toEqual([]);
  });
});
