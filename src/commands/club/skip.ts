/** `club skip <date>`: no session on that date (it stays a session date of the cadence; nothing shifts). */
import { nextSession, parseSkipDate, sessionAt, sessionDate } from '../../club/schedule.ts';
import { PaperclubError } from '../../errors.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';
import { clubSession, requireAnnouncements, whenText } from './club-context.ts';

export const clubSkip: SubcommandDef = {
  kind: 'subcommand',
  name: 'skip',
  scope: 'channel',
  description: 'Skip one session date',
  admin: true,
  options: [{ name: 'date', description: 'The session date, YYYY-MM-DD', type: 'string', required: true, maxLength: 20 }],
  examples: ['club skip 2026-12-24'],
  async run(ctx, args) {
    const { store, clock } = ctx.services;
    const schedule = await store.getClubSchedule(ctx.channel);
    if (!schedule) throw new PaperclubError('invalid_schedule', 'The club has no schedule to skip a date of. An admin sets one with `/paper club schedule <weekday> <HH:MM> <time zone>`.');
    const now = clock.now();
    const skipped = new Set(await store.skippedSessions(ctx.channel));
    const date = parseSkipDate(schedule, String(args.date), now, skipped);
    if (!date.ok) throw new PaperclubError('invalid_schedule', date.error);
    const planner = requireAnnouncements(ctx);
    const today = sessionDate(schedule, now);
    const outcome = await store.skipSession(ctx.channel, date.value, today);
    if (outcome === 'too_many') throw new PaperclubError('invalid_schedule', 'The club already skips 52 dates ahead; that is a year of no sessions. Change the schedule instead.');
    const plan = await planner.follow(ctx.channel);
    const { view } = await clubSession(ctx);
    const announced = view.announcements.some((a) => a.sessionAt === sessionAt(schedule, date.value).toISOString());
    const next = nextSession(schedule, now, new Set([...skipped, date.value]));
    const lines = [outcome === 'already' ? `${date.value} was already skipped.` : `No session on ${date.value}.`];
    if (announced) lines.push('That session was announced already: tell the club in its thread.');
    lines.push(next ? `The next session is ${whenText(next, schedule)}${plan.next ? `, announced ${whenText(plan.next, schedule)}` : ''}.` : 'No session is left in the next year.');
    return infoMessage(lines.join('\n'));
  },
};
