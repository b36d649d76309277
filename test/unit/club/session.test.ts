import { describe, expect, it } from 'vitest';
import {
  ARCHIVED_TALLIES,
  firstSessionRecord,
  heldAt,
  parseDoneOptions,
  parseSessionLink,
  planDone,
  planPromotion,
  sessionState,
  viewSession,
  withAnnouncement,
} from '../../../src/club/session.ts';
import type { Announcement, Question } from '../../../src/club/types.ts';
import { claim, snapshot, vote } from './fixtures.ts';

const announcement = (sessionAt: string, threadId: string | null = 'T1'): Announcement => ({
  sessionAt,
  postedAt: '2025-03-24T16:00:00.000Z',
  messageId: `m-${sessionAt}`,
  threadId,
});
const question: Question = { id: '1', member: { id: 'u2' }, text: 'Why?', askedAt: '2025-03-25T10:00:00.000Z', source: 'command' };
const admin = { id: 'admin', name: 'Admin' };
const now = new Date('2025-03-25T18:00:00Z');

describe('viewSession', () => {
  it('shows the queue head as the paper and its claimer as presenter', () => {
    const view = viewSession(snapshot({ queue: ['a', 'b'], claims: [claim('a', 'u1', 1), claim('b', 'u2', 2)], votes: [vote('b', 'u3', 1)] }));
    expect(view).toMatchObject({ number: 1, state: 'upcoming', paperId: 'a', presenter: { id: 'u1' }, chosenBy: 'queue' });
    expect(view.tallies.map((t) => t.paperId)).toEqual(['b']);
  });

  it('says an admin chose the paper when the head is no longer the paper chosen', () => {
    const current = { ...firstSessionRecord(), number: 4, paperId: 'voted', chosenBy: 'vote' as const, chosenVotes: 3 };
    expect(viewSession(snapshot({ current, queue: ['voted'] }))).toMatchObject({ chosenBy: 'vote', chosenVotes: 3 });
    expect(viewSession(snapshot({ current, queue: ['moved', 'voted'] }))).toMatchObject({ paperId: 'moved', chosenBy: 'admin', chosenVotes: 0 });
  });

  it('has no paper when the queue is empty', () => {
    expect(viewSession(snapshot())).toMatchObject({ paperId: null, presenter: null });
  });
});

describe('announcing', () => {
  it('moves from upcoming to announced, once per session time', () => {
    const first = firstSessionRecord();
    expect(sessionState(first)).toBe('upcoming');
    const once = withAnnouncement(first, announcement('2025-03-25T16:00:00.000Z'));
    expect(sessionState(once)).toBe('announced');
    expect(withAnnouncement(once, announcement('2025-03-25T16:00:00.000Z', 'T2'))).toBe(once);
    // Carried over to the next date when it was not marked done.
    expect(withAnnouncement(once, announcement('2025-04-01T15:00:00.000Z')).announcements).toHaveLength(2);
  });

  it('dates a session by the latest announced time that has begun, else by when it was marked done', () => {
    const current = { ...firstSessionRecord(), announcements: [announcement('2025-03-25T16:00:00.000Z'), announcement('2025-04-01T15:00:00.000Z')] };
    expect(heldAt(current, now)).toBe('2025-03-25T16:00:00.000Z');
    expect(heldAt(current, new Date('2025-04-01T16:00:00Z'))).toBe('2025-04-01T15:00:00.000Z');
    expect(heldAt(firstSessionRecord(), now)).toBe(now.toISOString());
  });
});

describe('planDone', () => {
  const base = snapshot({
    queue: ['read', 'q2'],
    claims: [claim('read', 'pres', 1, 'Presenter'), claim('claimed', 'u9', 5)],
    votes: [vote('voted', 'u1', 1), vote('voted', 'u2', 2)],
    questions: [question],
    current: { ...firstSessionRecord(), announcements: [announcement('2025-03-25T16:00:00.000Z')] },
  });

  it('archives the session with its presenter, votes, questions and links, and picks the next paper', () => {
    const planned = planDone(base, { expectedNumber: 1, now, doneBy: admin, notesUrl: 'https://notes.example/1', recordingUrl: null });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    const { archived, next, current } = planned.plan;
    expect(archived).toMatchObject({
      number: 1,
      paperId: 'read',
      presenter: { id: 'pres', name: 'Presenter' },
      heldAt: '2025-03-25T16:00:00.000Z',
      doneAt: now.toISOString(),
      doneBy: admin,
      chosenBy: 'queue',
      questions: [question],
      notesUrl: 'https://notes.example/1',
      recordingUrl: null,
    });
    expect(archived.votes.map((t) => [t.paperId, t.votes])).toEqual([['voted', 2]]);
    expect(archived.announcements).toHaveLength(1);
    expect(next).toEqual({ paperId: 'claimed', chosenBy: 'claim', presenter: { id: 'u9' }, votes: 0 });
    expect(current).toEqual({ number: 2, startedAt: now.toISOString(), paperId: 'claimed', chosenBy: 'claim', chosenVotes: 0, announcements: [] });
  });

  it('records the votes of a paper chosen by vote', () => {
    const planned = planDone({ ...base, claims: [] }, { expectedNumber: 1, now, doneBy: admin });
    expect(planned.ok && planned.plan.current).toMatchObject({ paperId: 'voted', chosenBy: 'vote', chosenVotes: 2 });
  });

  it('keeps the archived standings bounded', () => {
    const votes = Array.from({ length: ARCHIVED_TALLIES + 5 }, (_, i) => vote(`p${i}`, 'u1', i));
    const planned = planDone({ ...base, votes }, { expectedNumber: 1, now, doneBy: admin });
    expect(planned.ok && planned.plan.archived.votes).toHaveLength(ARCHIVED_TALLIES);
  });

  it('refuses a session number that is no longer current (someone was faster)', () => {
    expect(planDone(base, { expectedNumber: 0, now, doneBy: admin })).toEqual({ ok: false, refusal: { reason: 'already_done', currentNumber: 1 } });
  });

  it('refuses when there is no paper to finish', () => {
    expect(planDone(snapshot(), { expectedNumber: 1, now, doneBy: admin })).toEqual({ ok: false, refusal: { reason: 'no_paper' } });
  });

  it('leaves the next session without a paper when nothing is left', () => {
    const planned = planDone(snapshot({ queue: ['last'] }), { expectedNumber: 1, now, doneBy: admin });
    expect(planned.ok && planned.plan).toMatchObject({ next: null, current: { number: 2, paperId: null } });
  });
});

describe('planPromotion', () => {
  it('gives a club without a paper the claimed paper, else the top vote', () => {
    const claims = [claim('claimed', 'u1', 3)];
    const votes = [vote('voted', 'u2', 1)];
    expect(planPromotion(snapshot({ claims, votes }))).toEqual({
      next: { paperId: 'claimed', chosenBy: 'claim', presenter: { id: 'u1' }, votes: 0 },
      current: { ...firstSessionRecord(), paperId: 'claimed', chosenBy: 'claim', chosenVotes: 0 },
    });
    expect(planPromotion(snapshot({ votes }))?.current).toMatchObject({ number: 1, paperId: 'voted', chosenBy: 'vote', chosenVotes: 1 });
  });

  it('does nothing when the club has a paper or nobody wants one', () => {
    expect(planPromotion(snapshot({ queue: ['p'], votes: [vote('voted', 'u2', 1)] }))).toBeNull();
    expect(planPromotion(snapshot())).toBeNull();
  });
});

describe('parseDoneOptions', () => {
  it('reads optional notes and recording links', () => {
    expect(parseDoneOptions([])).toEqual({ ok: true, value: { notesUrl: null, recordingUrl: null } });
    expect(parseDoneOptions(['notes', 'https://docs.example/n', 'Recording', '<https://video.example/r?t=1>'])).toEqual({
      ok: true,
      value: { notesUrl: 'https://docs.example/n', recordingUrl: 'https://video.example/r?t=1' },
    });
  });

  it('refuses unknown words, missing or repeated links, and non-web links', () => {
    expect(parseDoneOptions(['slides', 'https://x.example']).ok).toBe(false);
    expect(parseDoneOptions(['notes'])).toMatchObject({ ok: false, error: expect.stringContaining('missing') });
    expect(parseDoneOptions(['notes', 'https://a.example', 'notes', 'https://b.example'])).toMatchObject({ ok: false, error: expect.stringContaining('twice') });
    expect(parseDoneOptions(['notes', 'javascript:alert(1)']).ok).toBe(false);
    expect(parseSessionLink('file:///etc/passwd').ok).toBe(false);
    expect(parseSessionLink('not a link').ok).toBe(false);
    expect(parseSessionLink(`https://x.example/${'a'.repeat(600)}`).ok).toBe(false);
  });
});
