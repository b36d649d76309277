/**
 * The secret in a club calendar's URL, and the path the bot's HTTP server serves the feed at. Apart
 * from the feed's rendering (calendar.ts, which loads ical-generator), so commands and the HTTP route
 * can use them without loading it.
 */
import { randomBytes } from 'node:crypto';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** 192 random bits, URL-safe: the feed URL is the only thing guarding the calendar. */
export function newCalendarToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Rejects anything that cannot be a token before it reaches Redis. */
export function isCalendarToken(text: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(text);
}

/** `/club/calendar/<token>.ics`: the path the bot's HTTP server serves a channel's feed at. */
export function calendarPath(token: string): string {
  return `/club/calendar/${token}.ics`;
}

/** The token in a feed path, or null. */
export function tokenFromCalendarPath(path: string): string | null {
  const m = /^\/club\/calendar\/([^/]+)\.ics$/.exec(path.split('?')[0] ?? '');
  return m && isCalendarToken(m[1]!) ? m[1]! : null;
}

