/** `club done`: the current paper is finished; the next one moves up. */
import { infoMessage } from '../../messages/cards.ts';
import { initialQueue } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';
import { queuedTitle } from './queue-text.ts';

export const clubDone: SubcommandDef = {
  kind: 'subcommand',
  name: 'done',
  scope: 'channel',
  description: 'Mark the current paper as finished and move to the next',
  admin: true,
  options: [],
  examples: ['club done'],
  async run(ctx) {
    const initial = initialQueue(ctx.services);
    const finished = await ctx.services.store.finishHead(ctx.channel, initial, ctx.services.clock.now());
    if (!finished) return infoMessage('The reading queue is empty: nothing to finish. Add a paper with `/paper club add <id or title>`.');
    const [next] = await ctx.services.store.queue(ctx.channel, initial);
    const nextText = next ? `Next up: ${queuedTitle(ctx.services, next.paperId)}.` : 'The queue is now empty.';
    return infoMessage(`Finished ${queuedTitle(ctx.services, finished.paperId)}. ${nextText}`, {
      buttons: [
        { label: "This week's paper", command: 'club next' },
        { label: 'Reading queue', command: 'club list' },
      ],
    });
  },
};
