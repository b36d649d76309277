/** `club add <id|query>`: append a paper to this channel's reading queue. */
import { infoMessage } from '../../messages/cards.ts';
import { commandLine } from '../command-line.ts';
import { initialQueue, paperOption, requirePaper } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';

export const clubAdd: SubcommandDef = {
  kind: 'subcommand',
  name: 'add',
  scope: 'channel',
  description: 'Add a paper to the reading queue',
  admin: true,
  options: [paperOption('An id (arXiv id, URL, DOI) or words from the title')],
  examples: ['club add 2305.18290', 'club add qlora'],
  async run(ctx, args) {
    const entry = requirePaper(ctx.services, String(args.paper));
    const initial = initialQueue(ctx.services);
    const added = await ctx.services.store.enqueue(ctx.channel, entry.id, ctx.actor.id, initial);
    const queue = await ctx.services.store.queue(ctx.channel, initial);
    const position = queue.findIndex((q) => q.paperId === entry.id) + 1;
    const where = position === 1 ? "it is the club's current paper" : `it is number ${position} of ${queue.length}`;
    const text = added ? `Added ${entry.title} to the reading queue: ${where}.` : `${entry.title} is already in the reading queue: ${where}.`;
    return infoMessage(text, {
      buttons: [
        { label: 'Reading queue', command: 'club list' },
        { label: 'Show paper', command: commandLine('show', entry.id) },
      ],
    });
  },
};
