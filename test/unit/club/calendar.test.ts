import { describe, expect, it } from 'vitest';
import {
  calendarPath,
  isCalendarToken,
  newCalendarToken,
  renderClubCalendar,
  tokenFromCalendarPath,
  UPCOMING_EVENTS,
  type CalendarInput,
} from '../../../src/club/calendar.ts';
import { makeClubSchedule, type ClubSchedule } from '../../../src/club/schedule.ts';
import { firstSessionRecord, viewSession } from '../../../src/club/session.ts';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { archived, claim, snapshot } from './fixtures.ts';
import { testLibrary } from './library.ts';

const channel: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const library = testLibrary();
const now = new Date('2025-03-20T12:00:00Z');

function berlinTuesday(): ClubSchedule {
  const made = makeClubSchedule({ weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin', durationMinutes: 90 }, new Date('2025-03-19T00:00:00Z'));
  if (!made.ok) throw new Error(made.error);
  return made.value;
}

interface Event {
  [property: string]: string;
}

/** Unfolds RFC 5545 lines and reads each VEVENT's properties (name without parameters → value). */
function events(ics: string): Event[] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: Event[] = [];
  let current: Event | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon).split(';')[0]!] = line.slice(colon + 1);
    }
  }
  return out;
}

function input(overrides: Partial<CalendarInput> = {}): CalendarInput {
  return {
    channel,
    schedule: berlinTuesday(),
    skipped: new Set(),
    current: viewSession(snapshot({ queue: ['2201.11903'], claims: [claim('2201.11903', 'u1', 1, 'Ana')] })),
    archive: [],
    library,
    now,
    ...overrides,
  };
}

describe('renderClubCalendar', () => {
  it('is a valid iCalendar text: CRLF lines of at most 75 octets, one VCALENDAR', () => {
    const ics = renderClubCalendar(input());
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(ics.replace(/\r\n/g, '').includes('\n')).toBe(false);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).toContain('X-WR-TIMEZONE:Europe/Berlin');
  });

  it('lists the upcoming sessions in UTC across the DST change, the first with the current paper', () => {
    const list = events(renderClubCalendar(input()));
    expect(list).toHaveLength(UPCOMING_EVENTS);
    expect(list.slice(0, 3).map((e) => [e.DTSTART, e.DTEND])).toEqual([
      ['20250325T160000Z', '20250325T173000Z'],
      ['20250401T150000Z', '20250401T163000Z'],
      ['20250408T150000Z', '20250408T163000Z'],
    ]);
    expect(list[0]!.SUMMARY).toBe('Paper club: CoT: Chain-of-Thought Prompting Elicits Reasoning in Large Language Models');
    expect(list[0]!.DESCRIPTION).toContain('Presenter: Ana');
    expect(list[0]!.DESCRIPTION).toContain('https://arxiv.org/abs/2201.11903');
    expect(list[1]!.SUMMARY).toBe('Paper club (paper to be chosen)');
    expect(list[1]!.STATUS).toBe('TENTATIVE');
    expect(list[0]!.DTSTAMP).toBe('20250320T120000Z');
  });

  it('leaves out skipped dates', () => {
    const list = events(renderClubCalendar(input({ skipped: new Set(['2025-04-01']) })));
    expect(list.map((e) => e.DTSTART).slice(0, 2)).toEqual(['20250325T160000Z', '20250408T150000Z']);
  });

  it('says when the session needs a presenter', () => {
    const list = events(renderClubCalendar(input({ current: viewSession(snapshot({ queue: ['2201.11903'] })) })));
    expect(list[0]!.DESCRIPTION).toContain('Needs a presenter');
  });

  it('keeps a session UID from upcoming to done, and adds notes to the done session', () => {
    const sessionAt = '2025-03-25T16:00:00.000Z';
    const before = events(renderClubCalendar(input()))[0]!;
    const done = archived(1, '2201.11903', 'u1', sessionAt, {
      presenter: { id: 'u1', name: 'Ana' },
      notesUrl: 'https://notes.example/lora',
      announcements: [{ sessionAt, postedAt: '2025-03-24T16:00:00.000Z', messageId: 'm1', threadId: 't1' }],
    });
    const after = events(
      renderClubCalendar(input({ now: new Date('2025-03-25T18:00:00Z'), archive: [done], current: viewSession(snapshot({ queue: ['2202.08906'] })) })),
    );
    const same = after.find((e) => e.UID === before.UID)!;
    expect(same.DTSTART).toBe('20250325T160000Z');
    expect(same.DESCRIPTION).toContain('Notes: https://notes.example/lora');
    expect(same.URL).toBe('https://notes.example/lora');
    // The next session now carries the next paper.
    expect(after.find((e) => e.DTSTART === '20250401T150000Z')!.SUMMARY).toBe('Paper club: ST-MoE: Designing Stable and Transferable Sparse Expert Models');
  });

  it('keeps a session that began but is not marked done under the current paper', () => {
    const sessionAt = '2025-03-25T16:00:00.000Z';
    const current = { ...firstSessionRecord(), announcements: [{ sessionAt, postedAt: '2025-03-24T16:00:00.000Z', messageId: 'm', threadId: null }] };
    const list = events(renderClubCalendar(input({ now: new Date('2025-03-25T17:00:00Z'), current: viewSession(snapshot({ queue: ['2202.08906'], current })) })));
    expect(list[0]).toMatchObject({ DTSTART: '20250325T160000Z', SUMMARY: 'Paper club: ST-MoE: Designing Stable and Transferable Sparse Expert Models' });
    expect(list[1]).toMatchObject({ DTSTART: '20250401T150000Z', SUMMARY: 'Paper club (paper to be chosen)' });
  });

  it('escapes untrusted text (commas, semicolons, newlines) instead of breaking the file', () => {
    const ics = renderClubCalendar(input({ current: viewSession(snapshot({ queue: ['sneaky-title'] })) }));
    const first = events(ics)[0]!;
    expect(first.SUMMARY).toBe('Paper club: Commas\\, semicolons\\; and\\nnewlines: a title <!channel> that tries everything');
    expect(ics.split('\r\n').filter((l) => l.startsWith('BEGIN:VEVENT'))).toHaveLength(UPCOMING_EVENTS);
  });

  it('without a schedule lists only the archive', () => {
    const list = events(renderClubCalendar(input({ schedule: null, archive: [archived(1, 'gone', null, '2025-03-01T10:00:00.000Z')] })));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ DTSTART: '20250301T100000Z', DTEND: '20250301T110000Z', SUMMARY: 'Paper club: gone' });
  });

  it('gives different channels different UIDs for the same time', () => {
    const a = events(renderClubCalendar(input()))[0]!.UID;
    const b = events(renderClubCalendar(input({ channel: { ...channel, channel: 'C2' } })))[0]!.UID;
    expect(a).not.toBe(b);
  });
});

describe('calendar tokens and paths', () => {
  it('makes unguessable URL-safe tokens', () => {
    const tokens = new Set(Array.from({ length: 50 }, newCalendarToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(isCalendarToken(token)).toBe(true);
  });

  it('round-trips a token through the feed path and refuses anything else', () => {
    const token = newCalendarToken();
    expect(tokenFromCalendarPath(calendarPath(token))).toBe(token);
    expect(tokenFromCalendarPath(`${calendarPath(token)}?x=1`)).toBe(token);
    expect(tokenFromCalendarPath('/club/calendar/short.ics')).toBeNull();
    expect(tokenFromCalendarPath(`/club/calendar/${token}`)).toBeNull();
    expect(tokenFromCalendarPath(`/club/calendar/../${token}.ics`)).toBeNull();
  });
});
