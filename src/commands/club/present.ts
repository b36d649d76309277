/**
 * `club present [<paper>]`: volunteer to present the current paper, or claim a later one (a claimed
 * paper is read next, before the votes). `club unclaim [<paper>]` takes it back; admins may drop
 * anyone's claim by naming the paper.
 */
import { MAX_CLAIMS_PER_MEMBER, unclaimTarget } from '../../club/claims.ts';
import { fillEmptySession } from '../../club/service.ts';
import { PaperclubError } from '../../errors.ts';
import { infoMessage } from '../../messages/cards.ts';
import { commandLine } from '../command-line.ts';
import { initialQueue, paperOption, requirePaper } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';
import { clubSession, memberName, memberOf, paperTitle } from './club-context.ts';

export const clubPresent: SubcommandDef = {
  kind: 'subcommand',
  name: 'present',
  scope: 'channel',
  description: 'Present the current paper, or claim another to present next',
  options: [paperOption('A later paper to claim (default: current)', false)],
  examples: ['club present', 'club present qlora'],
  async run(ctx, args) {
    const { services } = ctx;
    const { view } = await clubSession(ctx);
    const named = typeof args.paper === 'string' ? requirePaper(services, args.paper) : null;
    const paperId = named?.id ?? view.paperId;
    if (paperId === null) {
      throw new PaperclubError('bad_arguments', 'The club has no current paper. Name the one you want to present: `/paper club present <id or title>`.');
    }
    const title = paperTitle(services, paperId);
    const isCurrent = paperId === view.paperId;
    const now = services.clock.now();
    const outcome = await services.store.claim(ctx.channel, paperId, memberOf(ctx.actor), now);
    switch (outcome.kind) {
      case 'already_yours':
        return infoMessage(`You are already down to present ${title}.`);
      case 'taken':
        return infoMessage(
          outcome.claim.member.id === ctx.actor.id ? `You are already down to present ${title}.` : `${memberName(outcome.claim.member)} already presents ${title}.`,
          { buttons: [{ label: 'Presenters', command: 'club presenters' }] },
        );
      case 'too_many':
        return infoMessage(
          `You already hold ${MAX_CLAIMS_PER_MEMBER} claims (${outcome.claims.map((c) => paperTitle(services, c.paperId)).join('; ')}). Drop one first: \`/paper club unclaim <paper>\`.`,
        );
      case 'claimed':
        break;
    }
    // A club that ran out of papers takes the claimed one now rather than waiting for a `done`.
    const promoted = await fillEmptySession(services.store, ctx.channel, initialQueue(services), now);
    const current = isCurrent || promoted?.paperId === paperId;
    const text = current
      ? `Thank you: you present ${title} at the club's next session.`
      : `You claimed ${title}: it is read after the current paper (claims go before the votes, earliest first), and you present it.`;
    return infoMessage(text, {
      buttons: [
        { label: 'Take it back', command: commandLine('club', 'unclaim', paperId) },
        { label: 'Presenters', command: 'club presenters' },
      ],
    });
  },
};

export const clubUnclaim: SubcommandDef = {
  kind: 'subcommand',
  name: 'unclaim',
  scope: 'channel',
  description: 'Take back your offer to present (admins: anyone’s)',
  options: [paperOption('The paper, if you hold several claims', false)],
  examples: ['club unclaim', 'club unclaim qlora'],
  async run(ctx, args) {
    const { services } = ctx;
    const paperId = typeof args.paper === 'string' ? requirePaper(services, args.paper).id : undefined;
    const claims = await services.store.claims(ctx.channel);
    const target = unclaimTarget(claims, ctx.actor.id, paperId);
    if (!target.ok) {
      if (target.reason === 'none') return infoMessage('You have not offered to present anything.');
      if (target.reason === 'ambiguous') {
        return infoMessage(`You are down to present several papers: say which one.`, {
          buttons: target.claims.map((c) => ({ label: `Unclaim ${paperTitle(services, c.paperId).slice(0, 60)}`, command: commandLine('club', 'unclaim', c.paperId) })),
        });
      }
      if (target.claim === null) return infoMessage(`Nobody is down to present ${paperTitle(services, paperId!)}.`);
      if (!ctx.actor.isAdmin) {
        return infoMessage(`${memberName(target.claim.member)} presents ${paperTitle(services, paperId!)}, not you. An admin can take it back for them.`);
      }
      const dropped = await services.store.unclaim(ctx.channel, paperId!, null);
      return infoMessage(dropped ? `${memberName(dropped.member)} no longer presents ${paperTitle(services, paperId!)}.` : 'That claim was already gone.');
    }
    const dropped = await services.store.unclaim(ctx.channel, target.paperId, ctx.actor.id);
    return infoMessage(dropped ? `You no longer present ${paperTitle(services, target.paperId)}.` : 'That claim was already gone.');
  },
};
