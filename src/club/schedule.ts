/**
 * When the club meets: a weekly (or every-n-weeks) wall-clock time in an IANA zone, minus skipped dates,
 * and when each session's announcement is due. Pure functions over luxon; the store keeps the schedule.
 *
 * Wall times follow RFC 5545 (3.3.5), so the feed, the announcement job and calendar apps agree:
 * a time that occurs twice when clocks go back means its first occurrence; a time that does not exist
 * when clocks go forward is read with the offset before the gap (02:30 becomes 03:30).
 */
import { DateTime, IANAZone } from 'luxon';
import type { ParseResult } from '../channel-address.ts';

export interface ClubSchedule {
  /** 0 = Sunday … 6 = Saturday (as the digest schedule). */
  weekday: number;
  hour: number;
  minute: number;
  /** IANA zone, canonical spelling. */
  timeZone: string;
  /** 1 = weekly, 2 = every other week, … */
  everyWeeks: number;
  /** A session date (YYYY-MM-DD, in the zone) that fixes which weeks an every-n-weeks club meets. */
  anchorDate: string;
  /** Hours before a session that its announcement is posted. */
  announceLeadHours: number;
  /** How long a session lasts (the calendar event's length). */
  durationMinutes: number;
}

export const SCHEDULE_LIMITS = {
  everyWeeks: { min: 1, max: 8 },
  announceLeadHours: { min: 1, max: 168, default: 24 },
  durationMinutes: { min: 15, max: 480, default: 60 },
  /** Skipped dates kept per channel; past ones are pruned. */
  skips: 52,
} as const;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A schedule meets at least every 8 weeks; a year and a bit bounds every search for the next session. */
const MAX_SCAN_DAYS = 7 * SCHEDULE_LIMITS.everyWeeks.max * 60;

export interface ScheduleInput {
  weekday: number;
  hour: number;
  minute: number;
  timeZone: string;
  everyWeeks?: number;
  announceLeadHours?: number;
  durationMinutes?: number;
}

const intIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

/**
 * A complete schedule from what an admin typed (already split into fields). The first session is the
 * next time the weekday and time come round after `now`; an every-n-weeks cadence counts from it.
 */
export function makeClubSchedule(input: ScheduleInput, now: Date): ParseResult<ClubSchedule> {
  const { weekday, hour, minute } = input;
  const everyWeeks = input.everyWeeks ?? 1;
  const announceLeadHours = input.announceLeadHours ?? SCHEDULE_LIMITS.announceLeadHours.default;
  const durationMinutes = input.durationMinutes ?? SCHEDULE_LIMITS.durationMinutes.default;
  if (!intIn(weekday, 0, 6)) return { ok: false, error: 'The weekday must be one of Sunday to Saturday.' };
  if (!intIn(hour, 0, 23) || !intIn(minute, 0, 59)) return { ok: false, error: 'The time must be a 24-hour HH:MM, e.g. 17:00.' };
  const zone = canonicalZone(input.timeZone);
  if (!zone) return { ok: false, error: `"${input.timeZone.slice(0, 40)}" is not an IANA time zone: use a name like Europe/Berlin or America/New_York.` };
  const weeks = SCHEDULE_LIMITS.everyWeeks;
  if (!intIn(everyWeeks, weeks.min, weeks.max)) return { ok: false, error: `Sessions can repeat every 1 to ${weeks.max} weeks.` };
  const lead = SCHEDULE_LIMITS.announceLeadHours;
  if (!intIn(announceLeadHours, lead.min, lead.max)) {
    return { ok: false, error: `The announcement can go out ${lead.min} to ${lead.max} hours (a week) before a session.` };
  }
  const length = SCHEDULE_LIMITS.durationMinutes;
  if (!intIn(durationMinutes, length.min, length.max)) {
    return { ok: false, error: `A session lasts ${length.min} to ${length.max} minutes.` };
  }
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  let anchorDate = addDays(today, (weekday - weekdayOf(today) + 7) % 7);
  if (wallTimeToInstant(anchorDate, hour, minute, zone).getTime() <= now.getTime()) anchorDate = addDays(anchorDate, 7);
  return { ok: true, value: { weekday, hour, minute, timeZone: zone, everyWeeks, anchorDate, announceLeadHours, durationMinutes } };
}

function canonicalZone(text: string): string | null {
  const zone = text.trim();
  if (zone === '' || !IANAZone.isValidZone(zone)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * The tail of `club schedule <weekday> <HH:MM> <tz> …`: `every <n> weeks` (also `every week`,
 * `every other week`, `biweekly`, `fortnightly`) and `announce <n>h [before]` (also `<n> hours`).
 * Words are the tokens after the time zone.
 */
export function parseScheduleOptions(words: readonly string[]): ParseResult<{ everyWeeks?: number; announceLeadHours?: number }> {
  const out: { everyWeeks?: number; announceLeadHours?: number } = {};
  const tokens = words.map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  const help = 'After the time zone you can add `every <n> weeks` and `announce <n>h before`.';
  let i = 0;
  while (i < tokens.length) {
    const word = tokens[i]!;
    if (word === 'biweekly' || word === 'fortnightly' || word === 'weekly') {
      if (out.everyWeeks !== undefined) return { ok: false, error: `The repeat is given twice. ${help}` };
      out.everyWeeks = word === 'weekly' ? 1 : 2;
      i += 1;
    } else if (word === 'every') {
      if (out.everyWeeks !== undefined) return { ok: false, error: `The repeat is given twice. ${help}` };
      const [n, unit] = [tokens[i + 1], tokens[i + 2]];
      if (n === 'week') {
        out.everyWeeks = 1;
        i += 2;
      } else if (n === 'other' && unit === 'week') {
        out.everyWeeks = 2;
        i += 3;
      } else if (n !== undefined && /^\d{1,2}$/.test(n) && (unit === 'weeks' || unit === 'week')) {
        out.everyWeeks = Number(n);
        i += 3;
      } else {
        return { ok: false, error: `"every ${[n, unit].filter(Boolean).join(' ')}" is not a repeat: use \`every 2 weeks\`. ${help}` };
      }
    } else if (word === 'announce') {
      if (out.announceLeadHours !== undefined) return { ok: false, error: `The announcement time is given twice. ${help}` };
      const joined = /^(\d{1,3})h$/.exec(tokens[i + 1] ?? '');
      const split = /^\d{1,3}$/.test(tokens[i + 1] ?? '') && /^(h|hours?)$/.test(tokens[i + 2] ?? '');
      if (joined) {
        out.announceLeadHours = Number(joined[1]);
        i += 2;
      } else if (split) {
        out.announceLeadHours = Number(tokens[i + 1]);
        i += 3;
      } else {
        return { ok: false, error: `The announcement time needs hours, e.g. \`announce 24h before\`. ${help}` };
      }
      if (tokens[i] === 'before') i += 1;
    } else {
      return { ok: false, error: `"${word.slice(0, 30)}" is not understood here. ${help}` };
    }
  }
  return { ok: true, value: out };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `every Tuesday at 17:00 (Europe/Berlin)`, `every 2 weeks on Tuesday at 17:00 (Europe/Berlin)`. */
export function describeClubSchedule(schedule: ClubSchedule): string {
  const day = WEEKDAY_NAMES[schedule.weekday];
  const time = `${pad(schedule.hour)}:${pad(schedule.minute)}`;
  const repeat = schedule.everyWeeks === 1 ? `every ${day}` : `every ${schedule.everyWeeks} weeks on ${day}`;
  return `${repeat} at ${time} (${schedule.timeZone})`;
}

/** `Tue 4 Mar 2025, 17:00 Europe/Berlin`: a session time in the club's zone. */
export function formatSessionTime(at: Date, timeZone: string): string {
  return `${DateTime.fromJSDate(at, { zone: timeZone }).toFormat('ccc d LLL yyyy, HH:mm')} ${timeZone}`;
}

/**
 * The instant a wall-clock time on a local date names in a zone, by RFC 5545's rules: the first of two
 * (clocks going back), or the offset before the gap (clocks going forward).
 */
export function wallTimeToInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const zone = IANAZone.create(timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour, minute);
  // A zone changes its offset at most once around a given day; the offsets a day either side are the
  // only ones this wall time can have.
  const before = zone.offset(naive - DAY_MS);
  const after = zone.offset(naive + DAY_MS);
  const valid = [...new Set([before, after])]
    .map((offset) => naive - offset * 60_000)
    .filter((instant) => {
      const local = DateTime.fromMillis(instant, { zone });
      return local.toISODate() === date && local.hour === hour && local.minute === minute;
    });
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(naive - before * 60_000);
}

/** Whole days from one ISO date to another (calendar days, no clock involved). */
function daysBetween(from: string, to: string): number {
  const ms = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / DAY_MS);
}

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === iso;
}

/** Whether the club meets on this local date (right weekday, right week of the cadence). */
export function isSessionDate(schedule: ClubSchedule, date: string): boolean {
  if (!isRealDate(date) || weekdayOf(date) !== schedule.weekday) return false;
  const weeks = daysBetween(schedule.anchorDate, date) / 7;
  return ((weeks % schedule.everyWeeks) + schedule.everyWeeks) % schedule.everyWeeks === 0;
}

/** The session instant on a session date. */
export function sessionAt(schedule: ClubSchedule, date: string): Date {
  return wallTimeToInstant(date, schedule.hour, schedule.minute, schedule.timeZone);
}

/** The local date (in the club's zone) of a session instant. */
export function sessionDate(schedule: ClubSchedule, at: Date): string {
  return DateTime.fromJSDate(at, { zone: schedule.timeZone }).toISODate()!;
}

/** The first session date on or after a local date. */
function firstSessionDateFrom(schedule: ClubSchedule, from: string): string {
  let date = addDays(from, (schedule.weekday - weekdayOf(from) + 7) % 7);
  const weeks = daysBetween(schedule.anchorDate, date) / 7;
  const behind = ((weeks % schedule.everyWeeks) + schedule.everyWeeks) % schedule.everyWeeks;
  if (behind !== 0) date = addDays(date, (schedule.everyWeeks - behind) * 7);
  return date;
}

/**
 * The next `count` sessions strictly after `after`, leaving out skipped dates. Empty only when every
 * session in the next year and more is skipped (which the skip limit makes impossible for weekly clubs).
 */
export function occurrencesAfter(schedule: ClubSchedule, after: Date, count: number, skipped: ReadonlySet<string> = new Set()): Date[] {
  const out: Date[] = [];
  // Start a day early: the local date of `after` may already be the next day in the zone's terms.
  const start = addDays(DateTime.fromJSDate(after, { zone: schedule.timeZone }).toISODate()!, -1);
  let date = firstSessionDateFrom(schedule, start);
  const step = schedule.everyWeeks * 7;
  while (out.length < count && daysBetween(start, date) <= MAX_SCAN_DAYS) {
    const at = sessionAt(schedule, date);
    if (at.getTime() > after.getTime() && !skipped.has(date)) out.push(at);
    date = addDays(date, step);
  }
  return out;
}

/** The next session strictly after `after`, or null (see occurrencesAfter). */
export function nextSession(schedule: ClubSchedule, after: Date, skipped: ReadonlySet<string> = new Set()): Date | null {
  return occurrencesAfter(schedule, after, 1, skipped)[0] ?? null;
}

/** When a session's announcement is due: `announceLeadHours` real hours before it (not wall-clock hours). */
export function announcementTime(schedule: ClubSchedule, session: Date): Date {
  return new Date(session.getTime() - schedule.announceLeadHours * 60 * 60 * 1000);
}

export interface DueAnnouncement {
  /** The session being announced. */
  session: Date;
  /** When its announcement became due. */
  dueAt: Date;
}

/**
 * The announcement due at `now`, if any: the next session's, once its announcement time has passed and
 * until the session starts. A worker that was down at the due time still announces late, but never a
 * session that has begun. The store's "announce once" claim makes the post happen once.
 */
export function dueAnnouncement(schedule: ClubSchedule, now: Date, skipped: ReadonlySet<string> = new Set()): DueAnnouncement | null {
  const session = nextSession(schedule, now, skipped);
  if (!session) return null;
  const dueAt = announcementTime(schedule, session);
  return dueAt.getTime() <= now.getTime() ? { session, dueAt } : null;
}

/**
 * The next moment an announcement becomes due after `now` (for a delayed job): the next session's
 * announcement time, or the one after when the next is already due or past due.
 */
export function nextAnnouncementTime(schedule: ClubSchedule, now: Date, skipped: ReadonlySet<string> = new Set()): DueAnnouncement | null {
  for (const session of occurrencesAfter(schedule, now, 2, skipped)) {
    const dueAt = announcementTime(schedule, session);
    if (dueAt.getTime() > now.getTime()) return { session, dueAt };
  }
  return null;
}

/**
 * `club skip <date>`: a session date (YYYY-MM-DD in the club's zone) whose session is still ahead.
 * The error names the next session dates, so the admin can pick one.
 */
export function parseSkipDate(schedule: ClubSchedule, text: string, now: Date, skipped: ReadonlySet<string> = new Set()): ParseResult<string> {
  const date = text.trim();
  const upcoming = occurrencesAfter(schedule, now, 3, skipped).map((at) => sessionDate(schedule, at));
  const hint = upcoming.length > 0 ? ` The next sessions are on ${upcoming.join(', ')}.` : '';
  if (!isRealDate(date)) return { ok: false, error: `"${date.slice(0, 20)}" is not a date: use YYYY-MM-DD.${hint}` };
  if (!isSessionDate(schedule, date)) return { ok: false, error: `The club does not meet on ${date} (${describeClubSchedule(schedule)}).${hint}` };
  if (sessionAt(schedule, date).getTime() <= now.getTime()) return { ok: false, error: `The session on ${date} has already begun or passed.${hint}` };
  return { ok: true, value: date };
}

/**
 * Skipped dates still ahead of `now` that are session dates of this schedule (a skip kept from before
 * the schedule changed weekday skips nothing; the store prunes past ones).
 */
export function upcomingSkips(schedule: ClubSchedule, skipped: Iterable<string>, now: Date): string[] {
  return [...skipped].filter((date) => isSessionDate(schedule, date) && sessionAt(schedule, date).getTime() > now.getTime()).sort();
}
