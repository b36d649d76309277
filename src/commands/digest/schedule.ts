/**
 * `digest schedule <weekday> <HH:MM> <tz>`: validated before anything is written; the stored schedule
 * and the job runner's scheduler change together (the old schedule is restored if the runner refuses).
 */
import { PaperclubError } from '../../errors.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';
import { describeSchedule, formatWhen, parseSchedule, WEEKLY_TIME_OPTIONS } from './schedule-input.ts';

export const digestSchedule: SubcommandDef = {
  kind: 'subcommand',
  name: 'schedule',
  scope: 'channel',
  description: "Post this channel's digest weekly at a day, time and time zone",
  admin: true,
  options: [
    ...WEEKLY_TIME_OPTIONS,
  ],
  examples: ['digest schedule mon 09:30 Europe/Berlin', 'digest schedule friday 16:00 America/New_York'],
  async run(ctx, args) {
    const parsed = parseSchedule(String(args.weekday), String(args.time), String(args.timezone));
    if (!parsed.ok) throw new PaperclubError('invalid_schedule', parsed.error);
    const schedule = parsed.value;
    const { store, digests } = ctx.services;
    const previous = await store.getSchedule(ctx.channel);
    await store.setSchedule(ctx.channel, schedule);
    try {
      await digests.schedule(ctx.channel, schedule);
    } catch (error) {
      await (previous ? store.setSchedule(ctx.channel, previous) : store.clearSchedule(ctx.channel));
      throw error;
    }
    const next = await digests.nextRun(ctx.channel);
    const nextText = next ? ` The next one is due ${formatWhen(next, schedule.timeZone)}.` : '';
    return infoMessage(`The digest will be posted here ${describeSchedule(schedule)}.${nextText}`, {
      buttons: [{ label: 'Preview digest', command: 'digest preview' }],
    });
  },
};
