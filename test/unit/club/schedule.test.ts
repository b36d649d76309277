import { describe, expect, it } from 'vitest';
import {
  announcementTime,
  describeClubSchedule,
  dueAnnouncement,
  isSessionDate,
  makeClubSchedule,
  nextAnnouncementTime,
  nextSession,
  occurrencesAfter,
  parseScheduleOptions,
  parseSkipDate,
  sessionDate,
  upcomingSkips,
  wallTimeToInstant,
  type ClubSchedule,
  type ScheduleInput,
} from '../../../src/club/schedule.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

function schedule(input: ScheduleInput, now: string): ClubSchedule {
  const made = makeClubSchedule(input, new Date(now));
  if (!made.ok) throw new Error(made.error);
  return made.value;
}

// Tuesday 17:00 in Berlin, set on Wednesday 2025-03-19.
const berlinTuesday = () => schedule({ weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin' }, '2025-03-19T12:00:00Z');

describe('makeClubSchedule', () => {
  it('anchors the first session at the next time the weekday and time come round', () => {
    expect(berlinTuesday()).toEqual({
      weekday: 2,
      hour: 17,
      minute: 0,
      timeZone: 'Europe/Berlin',
      everyWeeks: 1,
      anchorDate: '2025-03-25',
      announceLeadHours: 24,
      durationMinutes: 60,
    });
  });

  it('uses today when the time is still ahead, next week when it has passed', () => {
    // Tuesday 2025-03-25, 15:59 Berlin (14:59Z) and 17:00 Berlin exactly (16:00Z).
    const input = { weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin' };
    expect(schedule(input, '2025-03-25T14:59:00Z').anchorDate).toBe('2025-03-25');
    expect(schedule(input, '2025-03-25T16:00:00Z').anchorDate).toBe('2025-04-01');
  });

  it('takes the local date in the zone, not in UTC', () => {
    // 23:30 UTC on Monday is already Tuesday 08:30 in Tokyo: the Tuesday 09:00 session is today there.
    const s = schedule({ weekday: 2, hour: 9, minute: 0, timeZone: 'Asia/Tokyo' }, '2025-03-24T23:30:00Z');
    expect(s.anchorDate).toBe('2025-03-25');
    expect(nextSession(s, new Date('2025-03-24T23:30:00Z'))?.toISOString()).toBe('2025-03-25T00:00:00.000Z');
  });

  it('canonicalises the zone and refuses bad input with a clear error', () => {
    expect(schedule({ weekday: 1, hour: 9, minute: 30, timeZone: 'europe/berlin' }, '2025-01-01T00:00:00Z').timeZone).toBe('Europe/Berlin');
    const bad = (input: Partial<ScheduleInput>) => makeClubSchedule({ weekday: 1, hour: 9, minute: 0, timeZone: 'UTC', ...input }, new Date());
    expect(bad({ timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: expect.stringContaining('IANA') });
    expect(bad({ weekday: 7 }).ok).toBe(false);
    expect(bad({ hour: 24 }).ok).toBe(false);
    expect(bad({ minute: 60 }).ok).toBe(false);
    expect(bad({ everyWeeks: 0 })).toMatchObject({ ok: false, error: expect.stringContaining('1 to 8 weeks') });
    expect(bad({ everyWeeks: 9 }).ok).toBe(false);
    expect(bad({ everyWeeks: 1.5 }).ok).toBe(false);
    expect(bad({ announceLeadHours: 0 }).ok).toBe(false);
    expect(bad({ announceLeadHours: 169 })).toMatchObject({ ok: false, error: expect.stringContaining('168') });
    expect(bad({ durationMinutes: 5 }).ok).toBe(false);
  });
});

describe('wallTimeToInstant (RFC 5545 rules)', () => {
  it('reads a time in the spring-forward gap with the offset before the gap', () => {
    // Berlin 2025-03-30: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist and means 03:30 CEST.
    expect(wallTimeToInstant('2025-03-30', 2, 30, 'Europe/Berlin').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(wallTimeToInstant('2025-03-09', 2, 30, 'America/New_York').toISOString()).toBe('2025-03-09T07:30:00.000Z');
  });

  it('takes the first of a time that occurs twice when clocks go back', () => {
    // Berlin 2025-10-26: 02:30 happens at +02:00 (00:30Z) and again at +01:00 (01:30Z).
    expect(wallTimeToInstant('2025-10-26', 2, 30, 'Europe/Berlin').toISOString()).toBe('2025-10-26T00:30:00.000Z');
    // New York 2025-11-02: 01:30 EDT (05:30Z) comes before 01:30 EST (06:30Z).
    expect(wallTimeToInstant('2025-11-02', 1, 30, 'America/New_York').toISOString()).toBe('2025-11-02T05:30:00.000Z');
    // Lord Howe moves by half an hour: 01:45 happens at +11:00 and again at +10:30.
    expect(wallTimeToInstant('2025-04-06', 1, 45, 'Australia/Lord_Howe').toISOString()).toBe('2025-04-05T14:45:00.000Z');
  });

  it('is plain arithmetic on ordinary days', () => {
    expect(wallTimeToInstant('2025-07-01', 17, 0, 'Europe/Berlin').toISOString()).toBe('2025-07-01T15:00:00.000Z');
    expect(wallTimeToInstant('2025-07-01', 9, 0, 'Asia/Kolkata').toISOString()).toBe('2025-07-01T03:30:00.000Z');
  });
});

describe('occurrencesAfter', () => {
  it('keeps the wall-clock time across a DST change (the UTC time moves)', () => {
    const s = berlinTuesday();
    expect(iso(occurrencesAfter(s, new Date('2025-03-19T12:00:00Z'), 3))).toEqual([
      '2025-03-25T16:00:00.000Z', // 17:00 CET
      '2025-04-01T15:00:00.000Z', // 17:00 CEST
      '2025-04-08T15:00:00.000Z',
    ]);
    // And back in October.
    expect(iso(occurrencesAfter(s, new Date('2025-10-20T00:00:00Z'), 2))).toEqual(['2025-10-21T15:00:00.000Z', '2025-10-28T16:00:00.000Z']);
  });

  it('handles a session inside the gap and inside the repeated hour', () => {
    const s = schedule({ weekday: 0, hour: 2, minute: 30, timeZone: 'Europe/Berlin' }, '2025-03-20T00:00:00Z');
    expect(iso(occurrencesAfter(s, new Date('2025-03-20T00:00:00Z'), 3))).toEqual([
      '2025-03-23T01:30:00.000Z',
      '2025-03-30T01:30:00.000Z', // 02:30 does not exist: 03:30 CEST
      '2025-04-06T00:30:00.000Z',
    ]);
    expect(iso(occurrencesAfter(s, new Date('2025-10-20T00:00:00Z'), 2))).toEqual(['2025-10-26T00:30:00.000Z', '2025-11-02T01:30:00.000Z']);
  });

  it('is strictly after: a session starting right now is not next', () => {
    const s = berlinTuesday();
    expect(nextSession(s, new Date('2025-03-25T16:00:00Z'))?.toISOString()).toBe('2025-04-01T15:00:00.000Z');
    expect(nextSession(s, new Date('2025-03-25T15:59:59Z'))?.toISOString()).toBe('2025-03-25T16:00:00.000Z');
  });

  it('meets every n weeks counted from the anchor, before and after it', () => {
    const s = schedule({ weekday: 4, hour: 10, minute: 0, timeZone: 'UTC', everyWeeks: 2 }, '2025-01-01T00:00:00Z');
    expect(s.anchorDate).toBe('2025-01-02');
    expect(iso(occurrencesAfter(s, new Date('2025-01-01T00:00:00Z'), 3))).toEqual([
      '2025-01-02T10:00:00.000Z',
      '2025-01-16T10:00:00.000Z',
      '2025-01-30T10:00:00.000Z',
    ]);
    // From a date in an "off" week and from before the anchor.
    expect(nextSession(s, new Date('2025-01-20T00:00:00Z'))?.toISOString()).toBe('2025-01-30T10:00:00.000Z');
    expect(nextSession(s, new Date('2024-12-18T00:00:00Z'))?.toISOString()).toBe('2024-12-19T10:00:00.000Z');
    expect(nextSession(s, new Date('2024-12-20T00:00:00Z'))?.toISOString()).toBe('2025-01-02T10:00:00.000Z');
    expect(isSessionDate(s, '2024-12-19')).toBe(true);
    expect(isSessionDate(s, '2024-12-26')).toBe(false);
    expect(isSessionDate(s, '2025-01-09')).toBe(false);
    expect(isSessionDate(s, '2025-01-16')).toBe(true);
  });

  it('leaves out skipped dates without moving the cadence', () => {
    const s = schedule({ weekday: 4, hour: 10, minute: 0, timeZone: 'UTC', everyWeeks: 2 }, '2025-01-01T00:00:00Z');
    const skipped = new Set(['2025-01-16']);
    expect(iso(occurrencesAfter(s, new Date('2025-01-03T00:00:00Z'), 2, skipped))).toEqual(['2025-01-30T10:00:00.000Z', '2025-02-13T10:00:00.000Z']);
  });
});

describe('announcements', () => {
  it('is due a configurable number of real hours before the session, until it starts', () => {
    const s = berlinTuesday();
    const session = new Date('2025-03-25T16:00:00Z');
    expect(announcementTime(s, session).toISOString()).toBe('2025-03-24T16:00:00.000Z');
    expect(dueAnnouncement(s, new Date('2025-03-24T15:59:59Z'))).toBeNull();
    expect(dueAnnouncement(s, new Date('2025-03-24T16:00:00Z'))).toEqual({ session, dueAt: new Date('2025-03-24T16:00:00Z') });
    expect(dueAnnouncement(s, new Date('2025-03-25T15:59:00Z'))?.session).toEqual(session);
    // Once the session has started it is the next one that counts, and that one is not due yet.
    expect(dueAnnouncement(s, new Date('2025-03-25T16:00:00Z'))).toBeNull();
    const early = { ...s, announceLeadHours: 48 };
    expect(dueAnnouncement(early, new Date('2025-03-23T16:00:00Z'))?.session).toEqual(session);
  });

  it('counts real hours across a DST change', () => {
    // Sunday 2025-03-30 10:00 CEST (08:00Z); 24 h before is Saturday 09:00 CET (08:00Z), not 10:00.
    const s = schedule({ weekday: 0, hour: 10, minute: 0, timeZone: 'Europe/Berlin' }, '2025-03-24T00:00:00Z');
    const session = nextSession(s, new Date('2025-03-24T00:00:00Z'))!;
    expect(session.toISOString()).toBe('2025-03-30T08:00:00.000Z');
    expect(announcementTime(s, session).toISOString()).toBe('2025-03-29T08:00:00.000Z');
  });

  it('does not announce a skipped session', () => {
    const s = berlinTuesday();
    const skipped = new Set(['2025-03-25']);
    expect(dueAnnouncement(s, new Date('2025-03-24T17:00:00Z'), skipped)).toBeNull();
    expect(nextAnnouncementTime(s, new Date('2025-03-24T17:00:00Z'), skipped)?.session.toISOString()).toBe('2025-04-01T15:00:00.000Z');
  });

  it('wakes the job for the next announcement, or the one after when the next is already due', () => {
    const s = berlinTuesday();
    expect(nextAnnouncementTime(s, new Date('2025-03-20T00:00:00Z'))).toEqual({
      session: new Date('2025-03-25T16:00:00Z'),
      dueAt: new Date('2025-03-24T16:00:00Z'),
    });
    expect(nextAnnouncementTime(s, new Date('2025-03-24T18:00:00Z'))).toEqual({
      session: new Date('2025-04-01T15:00:00Z'),
      dueAt: new Date('2025-03-31T15:00:00Z'),
    });
  });
});

describe('parseSkipDate', () => {
  const s = berlinTuesday();
  const now = new Date('2025-03-20T00:00:00Z');

  it('accepts a future session date', () => {
    expect(parseSkipDate(s, ' 2025-04-01 ', now)).toEqual({ ok: true, value: '2025-04-01' });
  });

  it('explains a date the club does not meet on, listing the next sessions', () => {
    const result = parseSkipDate(s, '2025-04-02', now);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain('does not meet on 2025-04-02');
      expect(result.error).toContain('2025-03-25, 2025-04-01, 2025-04-08');
    }
  });

  it('refuses non-dates and sessions that have begun', () => {
    expect(parseSkipDate(s, 'next tuesday', now).ok).toBe(false);
    expect(parseSkipDate(s, '2025-02-30', now).ok).toBe(false);
    expect(parseSkipDate(s, '2025-03-18', now)).toMatchObject({ ok: false, error: expect.stringContaining('already begun or passed') });
  });

  it('keeps only skips still ahead', () => {
    expect(upcomingSkips(s, ['2025-04-08', '2025-03-18', 'junk', '2025-04-01', '2025-04-02'], now)).toEqual(['2025-04-01', '2025-04-08']);
  });

  it('names the local date of a session', () => {
    const tokyo = schedule({ weekday: 2, hour: 8, minute: 0, timeZone: 'Asia/Tokyo' }, '2025-03-20T00:00:00Z');
    expect(sessionDate(tokyo, new Date('2025-03-24T23:00:00Z'))).toBe('2025-03-25');
  });
});

describe('parseScheduleOptions', () => {
  it('reads the repeat and the announcement lead', () => {
    expect(parseScheduleOptions([])).toEqual({ ok: true, value: {} });
    expect(parseScheduleOptions(['every', '2', 'weeks'])).toEqual({ ok: true, value: { everyWeeks: 2 } });
    expect(parseScheduleOptions(['Every', 'week'])).toEqual({ ok: true, value: { everyWeeks: 1 } });
    expect(parseScheduleOptions(['every', 'other', 'week'])).toEqual({ ok: true, value: { everyWeeks: 2 } });
    expect(parseScheduleOptions(['biweekly', 'announce', '48h', 'before'])).toEqual({ ok: true, value: { everyWeeks: 2, announceLeadHours: 48 } });
    expect(parseScheduleOptions(['announce', '12', 'hours'])).toEqual({ ok: true, value: { announceLeadHours: 12 } });
  });

  it('refuses what it does not understand, with the syntax', () => {
    expect(parseScheduleOptions(['every', 'two', 'weeks'])).toMatchObject({ ok: false, error: expect.stringContaining('every 2 weeks') });
    expect(parseScheduleOptions(['announce', 'soon']).ok).toBe(false);
    expect(parseScheduleOptions(['weekly', 'every', '2', 'weeks'])).toMatchObject({ ok: false, error: expect.stringContaining('twice') });
    expect(parseScheduleOptions(['monthly']).ok).toBe(false);
  });
});

describe('describeClubSchedule', () => {
  it('says when the club meets', () => {
    expect(describeClubSchedule(berlinTuesday())).toBe('every Tuesday at 17:00 (Europe/Berlin)');
    expect(describeClubSchedule({ ...berlinTuesday(), everyWeeks: 2, minute: 5 })).toBe('every 2 weeks on Tuesday at 17:05 (Europe/Berlin)');
  });
});
