import { describe, expect, it } from 'vitest';
import { makeClubSchedule } from '../../../src/club/schedule.ts';
import { viewSession } from '../../../src/club/session.ts';
import { clubSummary, SUMMARY_TOP_VOTES } from '../../../src/club/summary.ts';
import { claim, snapshot, vote } from './fixtures.ts';

const now = new Date('2025-03-20T12:00:00Z');
const made = makeClubSchedule({ weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin' }, now);
const schedule = made.ok ? made.value : null;

describe('clubSummary', () => {
  it('gives the next session, its paper, the leading votes and open questions', () => {
    const votes = ['a', 'b', 'c', 'd'].map((paperId, i) => vote(paperId, `u${i}`, i));
    const view = viewSession(snapshot({ queue: ['p'], votes, questions: [{ id: '1', member: { id: 'u' }, text: 'Why?', askedAt: now.toISOString(), source: 'command' }] }));
    const summary = clubSummary({ view, schedule, skipped: new Set(['2025-03-25']), now });
    expect(summary).toMatchObject({ sessionNumber: 1, paperId: 'p', presenter: null, needsPresenter: true, openQuestions: 1 });
    expect(summary.nextSessionAt?.toISOString()).toBe('2025-04-01T15:00:00.000Z');
    expect(summary.topVotes.map((t) => t.paperId)).toEqual(['a', 'b', 'c'].slice(0, SUMMARY_TOP_VOTES));
  });

  it('needs no presenter without a paper, and has no time without a schedule', () => {
    expect(clubSummary({ view: viewSession(snapshot()), schedule: null, skipped: new Set(), now })).toMatchObject({
      nextSessionAt: null,
      paperId: null,
      needsPresenter: false,
    });
    const view = viewSession(snapshot({ queue: ['p'], claims: [claim('p', 'u1', 1)] }));
    expect(clubSummary({ view, schedule, skipped: new Set(), now })).toMatchObject({ presenter: { id: 'u1' }, needsPresenter: false });
  });
});
