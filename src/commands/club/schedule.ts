/**
 * `club schedule <weekday> <HH:MM> <IANA tz> [every <n> weeks] [announce <n>h before]`: when the club
 * meets. The weekday, time and zone are read by the digest schedule's parsers (EST and CET are refused
 * with the zones they probably mean); the rest by src/club's parseScheduleOptions. Validated before
 * anything is written; the stored schedule and the job runner's plan change together (the old
 * schedule is put back if the runner refuses).
 */
import { describeClubSchedule, makeClubSchedule, parseScheduleOptions, SCHEDULE_LIMITS } from '../../club/schedule.ts';
import { PaperclubError } from '../../errors.ts';
import { infoMessage } from '../../messages/cards.ts';
import { parseClockTime, parseTimeZone, parseWeekday, WEEKLY_TIME_OPTIONS } from '../digest/schedule-input.ts';
import type { SubcommandDef } from '../types.ts';
import { requireAnnouncements, whenText } from './club-context.ts';

export const clubSchedule: SubcommandDef = {
  kind: 'subcommand',
  name: 'schedule',
  scope: 'channel',
  description: 'When the club meets (weekday, time, time zone)',
  admin: true,
  options: [
    ...WEEKLY_TIME_OPTIONS,
    { name: 'repeat', description: 'e.g. every 2 weeks announce 48h before', type: 'string', required: false, rest: true, maxLength: 100 },
  ],
  examples: ['club schedule tue 17:00 Europe/Berlin', 'club schedule thu 16:30 America/New_York every 2 weeks announce 48h before'],
  async run(ctx, args) {
    const fail = (error: string): never => {
      throw new PaperclubError('invalid_schedule', error);
    };
    const weekday = parseWeekday(String(args.weekday));
    if (!weekday.ok) fail(weekday.error);
    const time = parseClockTime(String(args.time));
    if (!time.ok) fail(time.error);
    const zone = parseTimeZone(String(args.timezone));
    if (!zone.ok) fail(zone.error);
    const extra = parseScheduleOptions(typeof args.repeat === 'string' ? args.repeat.split(/\s+/) : []);
    if (!extra.ok) fail(extra.error);
    if (!weekday.ok || !time.ok || !zone.ok || !extra.ok) return fail('unreachable');
    const now = ctx.services.clock.now();
    const made = makeClubSchedule({ weekday: weekday.value, ...time.value, timeZone: zone.value, ...extra.value }, now);
    if (!made.ok) return fail(made.error);
    const schedule = made.value;

    const planner = requireAnnouncements(ctx);
    const { store } = ctx.services;
    const previous = await store.getClubSchedule(ctx.channel);
    await store.setClubSchedule(ctx.channel, schedule);
    let plan;
    try {
      plan = await planner.follow(ctx.channel);
    } catch (error) {
      await (previous ? store.setClubSchedule(ctx.channel, previous) : store.clearClubSchedule(ctx.channel));
      throw error;
    }
    const lead = schedule.announceLeadHours === SCHEDULE_LIMITS.announceLeadHours.default ? '24 hours' : `${schedule.announceLeadHours} hours`;
    const lines = [`The club meets ${describeClubSchedule(schedule)}; each session is announced here ${lead} before, with a discussion thread.`];
    if (plan.dueNow) lines.push('The next session is less than that away: its announcement goes out now.');
    else if (plan.next) lines.push(`The next announcement goes out ${whenText(plan.next, schedule)}.`);
    if (previous) lines.push('This replaces the earlier schedule; skipped dates still apply where they fall on a session.');
    return infoMessage(lines.join('\n'), {
      buttons: [
        { label: "This week's paper", command: 'club next' },
        { label: 'Calendar link', command: 'club calendar' },
      ],
    });
  },
};
