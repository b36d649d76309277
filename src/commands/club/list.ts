/** `club list`: the reading queue, head first, and what the club finished lately. */
import type { Block } from '../../messages/message.ts';
import { infoMessage } from '../../messages/cards.ts';
import { initialQueue } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';
import { queuedTitle } from './queue-text.ts';

const SHOWN = 25;
const FINISHED_SHOWN = 5;

export const clubList: SubcommandDef = {
  kind: 'subcommand',
  name: 'list',
  scope: 'channel',
  description: 'The reading queue, and recently finished papers',
  options: [],
  examples: ['club list'],
  async run(ctx) {
    const queue = await ctx.services.store.queue(ctx.channel, initialQueue(ctx.services));
    const finished = await ctx.services.store.finished(ctx.channel);
    if (queue.length === 0 && finished.length === 0) {
      return infoMessage('The reading queue is empty. An admin can add a paper: `/paper club add <id or title>`.');
    }
    const blocks: Block[] = [{ type: 'header', text: 'Reading queue' }];
    if (queue.length > 0) {
      blocks.push({ type: 'list', ordered: true, items: queue.slice(0, SHOWN).map((q) => queuedTitle(ctx.services, q.paperId)) });
      if (queue.length > SHOWN) blocks.push({ type: 'context', text: `…and ${queue.length - SHOWN} more.` });
    } else {
      blocks.push({ type: 'text', text: 'Nothing is queued.' });
    }
    if (finished.length > 0) {
      blocks.push({ type: 'text', text: 'Finished recently' });
      blocks.push({
        type: 'list',
        items: finished.slice(0, FINISHED_SHOWN).map((f) => `${queuedTitle(ctx.services, f.paperId)}, ${f.finishedAt.slice(0, 10)}`),
      });
    }
    blocks.push({ type: 'actions', buttons: [{ label: "This week's paper", command: 'club next' }] });
    return { visibility: 'ephemeral', summary: `Reading queue: ${queue.length} papers`, blocks };
  },
};
