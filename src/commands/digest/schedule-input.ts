/** Reading and describing `digest schedule <weekday> <HH:MM> <IANA tz>`. Expected failures are return values. */
import { DateTime, IANAZone } from 'luxon';
import type { ParseResult } from '../../channel-address.ts';
import type { DigestSchedule } from '../../ports.ts';
import type { OptionDef } from '../types.ts';

/** The weekday, time and zone options, as `digest schedule` and `club schedule` take them. */
export const WEEKLY_TIME_OPTIONS: readonly OptionDef[] = [
  { name: 'weekday', description: 'Day of the week: mon … sun', type: 'string', required: true, maxLength: 20 },
  { name: 'time', description: '24-hour time, HH:MM', type: 'string', required: true, maxLength: 10 },
  { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin', type: 'string', required: true, maxLength: 64 },
];

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** `mon`…`sun` or full names, any case → 0 (Sunday) … 6 (Saturday). */
export function parseWeekday(text: string): ParseResult<number> {
  const word = text.trim().toLowerCase();
  const index = WEEKDAY_NAMES.findIndex((name) => name.toLowerCase() === word || name.slice(0, 3).toLowerCase() === word);
  return index >= 0
    ? { ok: true, value: index }
    : { ok: false, error: `"${text.trim().slice(0, 20)}" is not a weekday: use mon, tue, wed, thu, fri, sat or sun (or the full name).` };
}

/** 24-hour `HH:MM` (`9:30` too). */
export function parseClockTime(text: string): ParseResult<{ hour: number; minute: number }> {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hour = m ? Number(m[1]) : Number.NaN;
  const minute = m ? Number(m[2]) : Number.NaN;
  if (!m || hour > 23 || minute > 59) {
    return { ok: false, error: `"${text.trim().slice(0, 20)}" is not a time: use 24-hour HH:MM, e.g. 09:30 or 17:00.` };
  }
  return { ok: true, value: { hour, minute } };
}

/**
 * Zone abbreviations people type, with the IANA zones they probably mean. An abbreviation names an
 * offset, not a place: `EST` is valid to the IANA database but is a fixed UTC-5 (America/Panama), so a
 * New York club's digest would move an hour every March. Asking for the place keeps daylight saving.
 */
const ABBREVIATIONS: Record<string, readonly string[]> = {
  ...same(['EST', 'EDT', 'ET', 'EST5EDT'], ['America/New_York', 'America/Toronto']),
  ...same(['CST', 'CDT', 'CT', 'CST6CDT'], ['America/Chicago', 'America/Mexico_City']),
  ...same(['MST', 'MDT', 'MT', 'MST7MDT'], ['America/Denver', 'America/Phoenix']),
  ...same(['PST', 'PDT', 'PT', 'PST8PDT'], ['America/Los_Angeles', 'America/Vancouver']),
  ...same(['AKST', 'AKDT'], ['America/Anchorage']),
  ...same(['HST'], ['Pacific/Honolulu']),
  ...same(['AST', 'ADT'], ['America/Halifax']),
  ...same(['NST', 'NDT'], ['America/St_Johns']),
  ...same(['BRT'], ['America/Sao_Paulo']),
  ...same(['ART'], ['America/Argentina/Buenos_Aires']),
  ...same(['GMT', 'BST', 'WET', 'WEST'], ['Europe/London', 'Europe/Lisbon', 'UTC']),
  ...same(['CET', 'CEST', 'MET', 'MEST'], ['Europe/Berlin', 'Europe/Paris', 'Europe/Madrid']),
  ...same(['EET', 'EEST'], ['Europe/Athens', 'Europe/Helsinki', 'Europe/Bucharest']),
  ...same(['MSK'], ['Europe/Moscow']),
  ...same(['IST'], ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem']),
  ...same(['PKT'], ['Asia/Karachi']),
  ...same(['WIB'], ['Asia/Jakarta']),
  ...same(['SGT'], ['Asia/Singapore']),
  ...same(['HKT'], ['Asia/Hong_Kong']),
  ...same(['JST'], ['Asia/Tokyo']),
  ...same(['KST'], ['Asia/Seoul']),
  ...same(['AWST'], ['Australia/Perth']),
  ...same(['ACST', 'ACDT'], ['Australia/Adelaide', 'Australia/Darwin']),
  ...same(['AEST', 'AEDT'], ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane']),
  ...same(['NZST', 'NZDT'], ['Pacific/Auckland']),
};

function same(names: readonly string[], zones: readonly string[]): Record<string, readonly string[]> {
  return Object.fromEntries(names.map((name) => [name, zones]));
}

const EXAMPLES = 'Europe/Berlin, America/New_York or UTC';

/**
 * An IANA zone named by its place (`Europe/Berlin`, `America/New_York`) or `UTC`, returned in its
 * canonical spelling. Abbreviations (`EST`, `CET`) and other names without a `/` are refused with the
 * zones they probably mean, even where the IANA database knows them, since they ignore daylight saving.
 */
export function parseTimeZone(text: string): ParseResult<string> {
  const zone = text.trim();
  if (zone.toUpperCase() === 'UTC') return { ok: true, value: 'UTC' };
  if (!zone.includes('/')) {
    const meant = ABBREVIATIONS[zone.toUpperCase()];
    if (meant) {
      return {
        ok: false,
        error: `"${zone}" is an abbreviation, not a place, so it would ignore daylight saving: use the IANA zone of your city, e.g. ${meant.join(', ')}.`,
      };
    }
    return { ok: false, error: `"${zone.slice(0, 40)}" is not an IANA time zone: use a name like ${EXAMPLES}.` };
  }
  if (!IANAZone.isValidZone(zone)) {
    return { ok: false, error: `"${zone.slice(0, 40)}" is not an IANA time zone: use a name like ${EXAMPLES}.` };
  }
  return { ok: true, value: new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone };
}

export function parseSchedule(weekday: string, time: string, timeZone: string): ParseResult<DigestSchedule> {
  const day = parseWeekday(weekday);
  if (!day.ok) return day;
  const clock = parseClockTime(time);
  if (!clock.ok) return clock;
  const zone = parseTimeZone(timeZone);
  if (!zone.ok) return zone;
  return { ok: true, value: { weekday: day.value, hour: clock.value.hour, minute: clock.value.minute, timeZone: zone.value } };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `every Monday at 09:30 (Europe/Berlin)` */
export function describeSchedule(schedule: DigestSchedule): string {
  return `every ${WEEKDAY_NAMES[schedule.weekday]} at ${pad(schedule.hour)}:${pad(schedule.minute)} (${schedule.timeZone})`;
}

/** `Mon 3 Mar 2025, 09:30 Europe/Berlin`, in the schedule's zone when known. */
export function formatWhen(date: Date, timeZone = 'UTC'): string {
  return `${DateTime.fromJSDate(date, { zone: timeZone }).toFormat('ccc d LLL yyyy, HH:mm')} ${timeZone}`;
}
