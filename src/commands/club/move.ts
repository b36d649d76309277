/** `club move <paper> <position>` and `club remove <paper>`: admins reorder and prune the reading queue. */
import { infoMessage } from '../../messages/cards.ts';
import { initialQueue, paperOption, requirePaper } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';
import { paperTitle } from './club-context.ts';

const notQueued = (title: string) => `${title} is not in the reading queue. Add it with \`/paper club add <id or title>\`.`;

export const clubMove: SubcommandDef = {
  kind: 'subcommand',
  name: 'move',
  scope: 'channel',
  description: 'Move a queued paper (position 1 makes it current)',
  admin: true,
  options: [
    paperOption('An id or words from the title'),
    { name: 'position', description: 'New place in the queue (1 = current)', type: 'integer', required: true, min: 1, max: 10_000, trailing: true },
  ],
  examples: ['club move qlora 1', 'club move 2305.18290 3'],
  async run(ctx, args) {
    const entry = requirePaper(ctx.services, String(args.paper));
    const title = paperTitle(ctx.services, entry.id);
    const moved = await ctx.services.store.moveInQueue(ctx.channel, entry.id, Number(args.position), initialQueue(ctx.services));
    if (!moved) return infoMessage(notQueued(title));
    const where = moved.to === 1 ? "it is the club's current paper now" : `it is number ${moved.to} now`;
    const text = moved.from === moved.to ? `${title} is already number ${moved.to}.` : `Moved ${title} from number ${moved.from}: ${where}.`;
    return infoMessage(text, { buttons: [{ label: 'Reading queue', command: 'club list' }] });
  },
};

export const clubRemove: SubcommandDef = {
  kind: 'subcommand',
  name: 'remove',
  scope: 'channel',
  description: 'Take a paper off the queue, with its votes and claims',
  admin: true,
  options: [paperOption('An id or words from the title')],
  examples: ['club remove qlora'],
  async run(ctx, args) {
    const entry = requirePaper(ctx.services, String(args.paper));
    const title = paperTitle(ctx.services, entry.id);
    const removed = await ctx.services.store.removeFromQueue(ctx.channel, entry.id, initialQueue(ctx.services));
    if (!removed) return infoMessage(notQueued(title));
    return infoMessage(`Removed ${title} from the reading queue, with the votes and claims on it.`, { buttons: [{ label: 'Reading queue', command: 'club list' }] });
  },
};
