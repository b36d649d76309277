/**
 * `club vote <paper>` / `club unvote <paper>`: one vote per member per paper, for what the club reads
 * next. A member may vote for several papers (approval voting). The paper is resolved like `show`.
 */
import { checkVote } from '../../club/votes.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { Button } from '../../messages/message.ts';
import { commandLine } from '../command-line.ts';
import { paperOption, requirePaper } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';
import { clubSession, memberOf, paperTitle } from './club-context.ts';

const standingsButton: Button = { label: 'Vote standings', command: 'club votes' };

export const clubVote: SubcommandDef = {
  kind: 'subcommand',
  name: 'vote',
  scope: 'channel',
  description: 'Vote for a paper to read next (one vote per paper)',
  options: [paperOption('An id or words from the title')],
  examples: ['club vote 2305.18290', 'club vote qlora'],
  async run(ctx, args) {
    const entry = requirePaper(ctx.services, String(args.paper));
    const title = paperTitle(ctx.services, entry.id);
    const { view } = await clubSession(ctx);
    if (checkVote(entry.id, view.paperId)) {
      return infoMessage(`${title} is already the club's current paper. Votes choose what comes after it.`, { buttons: [standingsButton] });
    }
    const added = await ctx.services.store.vote(ctx.channel, entry.id, memberOf(ctx.actor), ctx.services.clock.now());
    const unvote: Button = { label: 'Withdraw vote', command: commandLine('club', 'unvote', entry.id) };
    if (!added) return infoMessage(`You already voted for ${title}.`, { buttons: [standingsButton, unvote] });
    const { view: after } = await clubSession(ctx);
    const rank = after.tallies.findIndex((t) => t.paperId === entry.id);
    const votes = after.tallies[rank]?.votes ?? 1;
    return infoMessage(`Voted for ${title}: ${votes} vote${votes === 1 ? '' : 's'}, ${rank <= 0 ? 'in the lead' : `number ${rank + 1}`} this round.`, {
      buttons: [standingsButton, unvote],
    });
  },
};

export const clubUnvote: SubcommandDef = {
  kind: 'subcommand',
  name: 'unvote',
  scope: 'channel',
  description: 'Withdraw your vote for a paper',
  options: [paperOption('An id or words from the title')],
  examples: ['club unvote qlora'],
  async run(ctx, args) {
    const entry = requirePaper(ctx.services, String(args.paper));
    const removed = await ctx.services.store.unvote(ctx.channel, entry.id, ctx.actor.id);
    const title = paperTitle(ctx.services, entry.id);
    return infoMessage(removed ? `Withdrew your vote for ${title}.` : `You had not voted for ${title}.`, { buttons: [standingsButton] });
  },
};
