/** `digest preview`: the digest this channel would get now, shown only to you. */
import { buildDigest } from '../../digests/build.ts';
import { initialQueue } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';

export const digestPreview: SubcommandDef = {
  kind: 'subcommand',
  name: 'preview',
  scope: 'channel',
  description: "Preview this channel's weekly digest",
  options: [],
  examples: ['digest preview'],
  async run(ctx) {
    const { library, store, clock } = ctx.services;
    const since = await store.lastDigestAt(ctx.channel);
    const digest = await buildDigest({ channel: ctx.channel, library, store, now: clock.now(), since, initialQueue: initialQueue(ctx.services) });
    return { ...digest, visibility: 'ephemeral' };
  },
};
