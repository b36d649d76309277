/**
 * The channel's sessions as an iCalendar feed (RFC 5545), for members to subscribe to from their
 * calendar app at a secret URL.
 *
 * One VEVENT per session, in UTC, rather than one RRULE series with TZID and EXDATE: each session
 * carries its own paper, presenter and notes, which a series could only say through per-date
 * overrides; the session times come from the same tested function the announcement job uses
 * (src/club/schedule.ts), so the feed cannot disagree with the bot across a DST change or a skipped
 * date; and UTC times need no VTIMEZONE block, which strict clients require next to a TZID.
 * Upcoming sessions are listed UPCOMING_EVENTS ahead; calendar apps refetch the feed, so the window
 * moves on. A session keeps its UID from "upcoming" to "done", so apps update it in place.
 */
import { createHash } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import { formatChannelAddress, type ChannelAddress } from '../channel-address.ts';
import { primaryUrl } from '../citations/entry-url.ts';
import type { PaperEntry } from '../library/types.ts';
import type { PaperLookup } from '../search/resolve.ts';
import { occurrencesAfter, SCHEDULE_LIMITS, type ClubSchedule } from './schedule.ts';
import type { SessionView } from './session.ts';
import type { ArchivedSession, Member } from './types.ts';

// The token helpers live apart so that commands and the HTTP route need not load ical-generator.
export { CALENDAR_CONTENT_TYPE, calendarPath, isCalendarToken, newCalendarToken, tokenFromCalendarPath } from './calendar-token.ts';

export const UPCOMING_EVENTS = 12;
export const PAST_EVENTS = 52;
/** Asks calendar apps to refetch every few hours (X-PUBLISHED-TTL / REFRESH-INTERVAL). */
const REFRESH_SECONDS = 3 * 60 * 60;

export interface CalendarInput {
  channel: ChannelAddress;
  /** The calendar's name in apps; defaults to "Paper club". */
  name?: string;
  schedule: ClubSchedule | null;
  skipped: ReadonlySet<string>;
  current: SessionView;
  archive: readonly ArchivedSession[];
  library: PaperLookup;
  now: Date;
}

function channelKey(channel: ChannelAddress): string {
  return createHash('sha256').update(formatChannelAddress(channel)).digest('hex').slice(0, 16);
}

function uid(channel: ChannelAddress, sessionAt: string | null, number: number): string {
  const when = sessionAt === null ? `session-${number}` : sessionAt.replace(/[-:.]/g, '');
  return `${when}-${channelKey(channel)}@paperclub`;
}

function paperName(entry: PaperEntry | undefined, paperId: string): string {
  if (!entry) return paperId;
  const aka = entry.aka[0];
  // `LoRA: LoRA: Low-Rank …` says the name twice; a title that already starts with it stands alone.
  return aka && !entry.title.toLowerCase().startsWith(aka.toLowerCase()) ? `${aka}: ${entry.title}` : entry.title;
}

function memberName(member: Member): string {
  return member.name ?? member.id;
}

function authorsLine(entry: PaperEntry): string | null {
  if (entry.authors.length === 0) return null;
  const names = entry.authors.slice(0, 3).map((a) => ('literal' in a ? a.literal : `${a.given} ${a.family}`.trim()));
  return `${names.join(', ')}${entry.authors.length > 3 || entry.authorsTruncated ? ' et al.' : ''}`;
}

function paperLines(entry: PaperEntry | undefined, paperId: string): string[] {
  if (!entry) return [`Paper: ${paperId}`];
  const url = primaryUrl(entry);
  return [`Paper: ${entry.title}`, authorsLine(entry), url].filter((line): line is string => line !== null);
}

/** The latest announced time of the current session that has already begun (held, not yet marked done). */
function heldButOpen(current: SessionView, now: Date): string | null {
  const begun = current.announcements.map((a) => a.sessionAt).filter((at) => Date.parse(at) <= now.getTime());
  return begun.length > 0 ? begun.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b)) : null;
}

export function renderClubCalendar(input: CalendarInput): string {
  const { channel, schedule, current, library, now } = input;
  const minutes = schedule?.durationMinutes ?? SCHEDULE_LIMITS.durationMinutes.default;
  const end = (start: Date) => new Date(start.getTime() + minutes * 60_000);
  const calendar = ical({
    name: input.name ?? 'Paper club',
    prodId: { company: 'paperclub', product: 'club-calendar', language: 'EN' },
    ttl: REFRESH_SECONDS,
    ...(schedule ? { x: [['X-WR-TIMEZONE', schedule.timeZone]] as [string, string][] } : {}),
  });

  const past = [...input.archive].sort((a, b) => b.number - a.number).slice(0, PAST_EVENTS);
  for (const session of past) {
    const entry = library.get(session.paperId);
    const start = new Date(session.heldAt);
    const announced = session.announcements.some((a) => a.sessionAt === session.heldAt);
    const lines = [
      ...paperLines(entry, session.paperId),
      session.presenter ? `Presenter: ${memberName(session.presenter)}` : 'No presenter',
      session.notesUrl ? `Notes: ${session.notesUrl}` : null,
      session.recordingUrl ? `Recording: ${session.recordingUrl}` : null,
      session.questions.length > 0 ? `${session.questions.length} question${session.questions.length === 1 ? '' : 's'} collected` : null,
    ].filter((line): line is string => line !== null);
    calendar.createEvent({
      id: uid(channel, announced ? session.heldAt : null, session.number),
      start,
      end: end(start),
      stamp: now,
      summary: `Paper club: ${paperName(entry, session.paperId)}`,
      description: lines.join('\n'),
      url: session.notesUrl ?? (entry ? primaryUrl(entry) : null),
      status: ICalEventStatus.CONFIRMED,
    });
  }

  const currentEntry = current.paperId === null ? undefined : library.get(current.paperId);
  const currentLines = () =>
    current.paperId === null
      ? ['No paper yet: vote with `club vote`, or an admin adds one with `club add`.']
      : [...paperLines(currentEntry, current.paperId), current.presenter ? `Presenter: ${memberName(current.presenter)}` : 'Needs a presenter: `club present`'];
  const currentSummary = current.paperId === null ? 'Paper club' : `Paper club: ${paperName(currentEntry, current.paperId)}`;

  // A session that began but is not marked done yet is still the current paper's.
  const open = heldButOpen(current, now);
  if (open !== null) {
    const start = new Date(open);
    calendar.createEvent({ id: uid(channel, open, current.number), start, end: end(start), stamp: now, summary: currentSummary, description: currentLines().join('\n') });
  }
  if (schedule) {
    occurrencesAfter(schedule, now, UPCOMING_EVENTS, input.skipped).forEach((start, i) => {
      const isCurrent = i === 0 && open === null;
      calendar.createEvent({
        id: uid(channel, start.toISOString(), current.number + i),
        start,
        end: end(start),
        stamp: now,
        summary: isCurrent ? currentSummary : 'Paper club (paper to be chosen)',
        description: isCurrent ? currentLines().join('\n') : 'The paper is chosen when the session before is done: a claimed paper, else the top vote, else the reading queue.',
        status: isCurrent ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
      });
    });
  }
  return calendar.toString();
}
