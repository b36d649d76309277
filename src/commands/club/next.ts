/** `club next`: this week's paper (the head of the queue) and what follows it. */
import { infoMessage, paperCardMessage } from '../../messages/cards.ts';
import { initialQueue } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';
import { queuedTitle } from './queue-text.ts';

const EMPTY = 'The reading queue is empty. An admin can add a paper: `/paper club add <id or title>`.';

export const clubNext: SubcommandDef = {
  kind: 'subcommand',
  name: 'next',
  scope: 'channel',
  description: "The club's current paper and what comes after it",
  options: [],
  examples: ['club next'],
  async run(ctx) {
    const queue = await ctx.services.store.queue(ctx.channel, initialQueue(ctx.services));
    const [head, ...rest] = queue;
    if (!head) return infoMessage(EMPTY);
    const upNext = rest.slice(0, 2).map((q) => queuedTitle(ctx.services, q.paperId));
    const context = upNext.length > 0 ? `Up next: ${upNext.join('; ')}` : 'Nothing queued after this one.';
    const buttons = [
      { label: 'Mark done', command: 'club done' },
      { label: 'Reading queue', command: 'club list' },
    ];
    const entry = ctx.services.library.get(head.paperId);
    if (!entry) {
      return infoMessage(`This week's paper: ${head.paperId} (no longer in the library).\n${context}`, { header: "This week's paper", buttons });
    }
    return paperCardMessage(entry, { header: "This week's paper", queuePosition: 1, context, buttons });
  },
};
