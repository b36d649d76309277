/** `digest off`: no more weekly digests in this channel (takes effect at once). */
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';

export const digestOff: SubcommandDef = {
  kind: 'subcommand',
  name: 'off',
  scope: 'channel',
  description: "Stop this channel's weekly digest",
  admin: true,
  options: [],
  examples: ['digest off'],
  async run(ctx) {
    const cleared = await ctx.services.store.clearSchedule(ctx.channel);
    // Cancel even when nothing was stored, so a scheduler left over from a crash is removed too.
    await ctx.services.digests.cancel(ctx.channel);
    return infoMessage(cleared ? 'The weekly digest is off for this channel.' : 'This channel had no digest scheduled.');
  },
};
