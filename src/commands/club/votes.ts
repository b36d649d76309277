/** `club votes`: this round's standings (votes since the last session), the order the next-paper rule reads. */
import { pendingClaims } from '../../club/claims.ts';
import type { Block, Button } from '../../messages/message.ts';
import { commandLine } from '../command-line.ts';
import type { SubcommandDef } from '../types.ts';
import { clubSession, memberName, paperShortName, paperTitle } from './club-context.ts';

const SHOWN = 15;
const VOTE_BUTTONS = 3;

export const clubVotes: SubcommandDef = {
  kind: 'subcommand',
  name: 'votes',
  scope: 'channel',
  description: 'Vote standings since the last session',
  options: [],
  examples: ['club votes'],
  async run(ctx) {
    const { view, snapshot } = await clubSession(ctx);
    const blocks: Block[] = [{ type: 'header', text: `Votes for the paper after session ${view.number}` }];
    if (view.tallies.length === 0) {
      blocks.push({ type: 'text', text: 'No votes yet this round. Vote with `/paper club vote <id or title>`, or the Vote button on a paper.' });
    } else {
      const items = view.tallies.slice(0, SHOWN).map((t) => `${paperTitle(ctx.services, t.paperId)}: ${t.votes} vote${t.votes === 1 ? '' : 's'}`);
      blocks.push({ type: 'list', ordered: true, items });
      if (view.tallies.length > SHOWN) blocks.push({ type: 'context', text: `…and ${view.tallies.length - SHOWN} more papers with votes.` });
    }
    const claim = pendingClaims(snapshot.claims, view.paperId)[0];
    blocks.push({
      type: 'context',
      text: claim
        ? `Next comes ${paperTitle(ctx.services, claim.paperId)}, which ${memberName(claim.member)} claimed to present: a claim goes before the votes.`
        : 'When the session is marked done, the top paper here is read next (ties: the earliest vote).',
    });
    const buttons: Button[] = view.tallies.slice(0, VOTE_BUTTONS).map((t) => ({
      label: `Vote: ${paperShortName(ctx.services.library.get(t.paperId), t.paperId)}`,
      command: commandLine('club', 'vote', t.paperId),
    }));
    blocks.push({ type: 'actions', buttons: [...buttons, { label: "This week's paper", command: 'club next' }] });
    return { visibility: 'ephemeral', summary: `Votes: ${view.tallies.length} papers`, blocks };
  },
};
