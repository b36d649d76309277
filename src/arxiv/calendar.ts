/**
 * arXiv's announcement calendar, in US Eastern time (America/New_York, so DST is handled by luxon).
 * Announcements go out Sunday–Thursday at 20:00; the listing feeds are rebuilt at midnight and carry
 * the announcement of the evening before. So the feed of day D has items only when D-1 was an
 * announcement day: Monday–Friday feeds are full, Saturday and Sunday feeds are empty, and so is the
 * feed after a holiday (a day in the holiday list has no 20:00 announcement). Pure functions.
 */
import { DateTime } from 'luxon';
import { ARXIV_HOLIDAYS } from './holidays.ts';

export const ARXIV_ZONE = 'America/New_York';
/** How long after midnight a rebuilt feed may take to appear before we call the old one stale. */
export const DEFAULT_REBUILD_GRACE_MINUTES = 60;

export interface FeedExpectation {
  expectNonEmpty: boolean;
  reason: string;
  /** The feed's Eastern weekday, lower case (`monday`): a bounded label for metrics. */
  weekday: string;
}

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Whether arXiv announces on this Eastern calendar day (Sunday–Thursday, not a holiday). */
function announcementDay(day: DateTime, holidays: readonly string[]): { announces: boolean; why: string } {
  const name = WEEKDAY_NAMES[day.weekday]!;
  const date = day.toISODate()!;
  if (day.weekday === 5 || day.weekday === 6) return { announces: false, why: `no announcement on ${name}s (${date})` };
  if (holidays.includes(date)) return { announces: false, why: `${date} (${name}) is an arXiv holiday` };
  return { announces: true, why: `arXiv announced on ${name} ${date} at 20:00 ET` };
}

/** What the feed served at `at` should look like: items, or legitimately empty (with the reason). */
export function expectedFeedState(at: Date, holidays: readonly string[] = ARXIV_HOLIDAYS): FeedExpectation {
  const feedDay = DateTime.fromJSDate(at, { zone: ARXIV_ZONE }).startOf('day');
  const previous = feedDay.minus({ days: 1 });
  const { announces, why } = announcementDay(previous, holidays);
  const feedName = `the ${WEEKDAY_NAMES[feedDay.weekday]} ${feedDay.toISODate()} feed`;
  const weekday = WEEKDAY_NAMES[feedDay.weekday]!.toLowerCase();
  return announces
    ? { expectNonEmpty: true, reason: `${feedName} should list papers: ${why}`, weekday }
    : { expectNonEmpty: false, reason: `${feedName} is expected to be empty: ${why}`, weekday };
}

/**
 * The midnight (Eastern) of the most recent rebuild that should have produced a feed with papers,
 * allowing `graceMinutes` after midnight for the rebuild to appear.
 */
export function latestExpectedRebuild(
  at: Date,
  options: { holidays?: readonly string[]; graceMinutes?: number } = {},
): Date {
  const holidays = options.holidays ?? ARXIV_HOLIDAYS;
  const grace = options.graceMinutes ?? DEFAULT_REBUILD_GRACE_MINUTES;
  const effective = DateTime.fromJSDate(at, { zone: ARXIV_ZONE }).minus({ minutes: grace });
  let day = effective.startOf('day');
  // A run of empty days is at most a weekend plus a few holidays; 30 days bounds the search.
  for (let i = 0; i < 30; i++) {
    if (announcementDay(day.minus({ days: 1 }), holidays).announces) return day.toJSDate();
    day = day.minus({ days: 1 });
  }
  return day.toJSDate();
}

/**
 * True when a feed dated `feedDate` is older than the latest rebuild that should have carried
 * papers. A feed with no date cannot be shown to be fresh, so it counts as stale.
 */
export function isStale(
  feedDate: string | null,
  at: Date,
  options: { holidays?: readonly string[]; graceMinutes?: number } = {},
): boolean {
  if (feedDate === null) return true;
  const date = DateTime.fromISO(feedDate, { setZone: true });
  const parsed = date.isValid ? date : DateTime.fromRFC2822(feedDate, { setZone: true });
  if (!parsed.isValid) return true;
  return parsed.toMillis() < latestExpectedRebuild(at, options).getTime();
}
