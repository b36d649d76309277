/** `club unschedule`: no more sessions or announcements; the queue, votes and archive stay. */
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';
import { requireAnnouncements } from './club-context.ts';

export const clubUnschedule: SubcommandDef = {
  kind: 'subcommand',
  name: 'unschedule',
  scope: 'channel',
  description: 'Stop scheduling sessions (queue and history stay)',
  admin: true,
  options: [],
  examples: ['club unschedule'],
  async run(ctx) {
    const planner = requireAnnouncements(ctx);
    const cleared = await ctx.services.store.clearClubSchedule(ctx.channel);
    // Cancel even when nothing was stored, so a plan left over from a crash is removed too.
    await planner.cancel(ctx.channel);
    return infoMessage(
      cleared
        ? 'The club has no schedule now: no more sessions are announced. The reading queue, votes and history stay.'
        : 'The club had no schedule here.',
    );
  },
};
