import { describe, expect, it } from 'vitest';
import { expectedFeedState, isStale, latestExpectedRebuild } from '../../../src/arxiv/calendar.ts';
import { ARXIV_HOLIDAYS } from '../../../src/arxiv/holidays.ts';

// Instants are given in UTC; comments say what they are in US Eastern.
const at = (iso: string) => new Date(iso);

describe('expectedFeedState', () => {
  it('expects papers Monday to Friday (announcements Sunday to Thursday evening)', () => {
    const week = ['2025-04-28', '2025-04-29', '2025-04-30', '2025-05-01', '2025-05-02']; // Mon..Fri
    for (const day of week) expect(expectedFeedState(at(`${day}T16:00:00Z`)).expectNonEmpty).toBe(true);
  });

  it('expects empty feeds on Saturday and Sunday, and says why', () => {
    const saturday = expectedFeedState(at('2025-05-03T16:00:00Z'));
    expect(saturday).toEqual({
      expectNonEmpty: false,
      reason: 'the Saturday 2025-05-03 feed is expected to be empty: no announcement on Fridays (2025-05-02)',
      weekday: 'saturday',
    });
    const sunday = expectedFeedState(at('2025-05-04T16:00:00Z'));
    expect(sunday.expectNonEmpty).toBe(false);
    expect(sunday.reason).toMatch(/no announcement on Saturdays/);
  });

  it('expects an empty feed the day after a holiday (Thanksgiving, MLK Day)', () => {
    const friday = expectedFeedState(at('2025-11-28T17:00:00Z'));
    expect(friday.expectNonEmpty).toBe(false);
    expect(friday.reason).toMatch(/2025-11-27 \(Thursday\) is an arXiv holiday/);
    expect(expectedFeedState(at('2025-01-21T17:00:00Z')).expectNonEmpty).toBe(false); // Tue after MLK Day
    expect(expectedFeedState(at('2025-11-27T17:00:00Z')).expectNonEmpty).toBe(true); // Thanksgiving's own feed
  });

  it('uses the holiday list it is given', () => {
    expect(expectedFeedState(at('2025-04-29T16:00:00Z'), ['2025-04-28']).expectNonEmpty).toBe(false);
    expect(expectedFeedState(at('2025-11-28T17:00:00Z'), []).expectNonEmpty).toBe(true);
  });

  it('follows Eastern daylight time: spring forward (2025-03-09)', () => {
    // 04:30 UTC on Mon 10 March is 00:30 EDT Monday (UTC-4): Sunday's announcement is out.
    expect(expectedFeedState(at('2025-03-10T04:30:00Z')).expectNonEmpty).toBe(true);
    // 03:30 UTC is still 23:30 Sunday.
    expect(expectedFeedState(at('2025-03-10T03:30:00Z')).expectNonEmpty).toBe(false);
  });

  it('follows Eastern standard time: fall back (2025-11-02)', () => {
    // 04:30 UTC on Mon 3 November is 23:30 EST Sunday (UTC-5): still the empty Sunday feed.
    expect(expectedFeedState(at('2025-11-03T04:30:00Z')).expectNonEmpty).toBe(false);
    expect(expectedFeedState(at('2025-11-03T05:30:00Z')).expectNonEmpty).toBe(true);
  });
});

describe('latestExpectedRebuild', () => {
  it('is the Eastern midnight of the latest feed that should carry papers', () => {
    expect(latestExpectedRebuild(at('2025-04-29T16:00:00Z')).toISOString()).toBe('2025-04-29T04:00:00.000Z');
    // Over a weekend it stays on Friday's rebuild.
    expect(latestExpectedRebuild(at('2025-05-04T16:00:00Z')).toISOString()).toBe('2025-05-02T04:00:00.000Z');
    // Winter: midnight EST is 05:00 UTC; Thanksgiving Friday counts back to Thursday.
    expect(latestExpectedRebuild(at('2025-11-30T16:00:00Z')).toISOString()).toBe('2025-11-27T05:00:00.000Z');
  });

  it('allows a grace period after midnight for the rebuild', () => {
    // 00:30 EDT Tuesday: within the default hour, Monday's rebuild is still the latest expected.
    expect(latestExpectedRebuild(at('2025-04-29T04:30:00Z')).toISOString()).toBe('2025-04-28T04:00:00.000Z');
    expect(latestExpectedRebuild(at('2025-04-29T04:30:00Z'), { graceMinutes: 0 }).toISOString()).toBe('2025-04-29T04:00:00.000Z');
  });
});

describe('isStale', () => {
  const mondayFeed = '2025-04-28T04:00:00.000Z'; // pubDate Mon, 28 Apr 2025 00:00:00 -0400

  it('is fresh on its own day and stale once the next rebuild is due', () => {
    expect(isStale(mondayFeed, at('2025-04-28T19:00:00Z'))).toBe(false);
    expect(isStale(mondayFeed, at('2025-04-29T16:00:00Z'))).toBe(true);
  });

  it('is not stale in the first hour after midnight', () => {
    expect(isStale(mondayFeed, at('2025-04-29T04:30:00Z'))).toBe(false);
  });

  it('is not stale over a weekend, and is on Monday', () => {
    const fridayFeed = '2025-05-02T04:00:00.000Z';
    expect(isStale(fridayFeed, at('2025-05-03T16:00:00Z'))).toBe(false);
    expect(isStale(fridayFeed, at('2025-05-04T23:00:00Z'))).toBe(false);
    expect(isStale(fridayFeed, at('2025-05-05T14:00:00Z'))).toBe(true);
  });

  it('is not stale over Thanksgiving until the Monday feed is due', () => {
    const thursdayFeed = '2025-11-27T05:00:00.000Z';
    expect(isStale(thursdayFeed, at('2025-11-28T17:00:00Z'))).toBe(false);
    expect(isStale(thursdayFeed, at('2025-11-30T17:00:00Z'))).toBe(false);
    expect(isStale(thursdayFeed, at('2025-12-01T17:00:00Z'))).toBe(true);
  });

  it('accepts RFC 822 dates as feeds give them', () => {
    expect(isStale('Mon, 28 Apr 2025 00:00:00 -0400', at('2025-04-28T19:00:00Z'))).toBe(false);
    expect(isStale('Mon, 28 Apr 2025 00:00:00 -0400', at('2025-04-30T19:00:00Z'))).toBe(true);
  });

  it('treats a missing or unreadable date as stale', () => {
    expect(isStale(null, at('2025-04-28T19:00:00Z'))).toBe(true);
    expect(isStale('yesterday', at('2025-04-28T19:00:00Z'))).toBe(true);
  });
});

describe('ARXIV_HOLIDAYS', () => {
  it('lists only valid dates on which arXiv would otherwise announce (Sunday–Thursday)', () => {
    for (const day of ARXIV_HOLIDAYS) {
      const date = new Date(`${day}T12:00:00Z`);
      expect(date.toISOString().slice(0, 10)).toBe(day);
      expect([5, 6]).not.toContain(date.getUTCDay());
    }
    expect(ARXIV_HOLIDAYS).toContain('2026-11-26'); // Thanksgiving 2026
  });
});
