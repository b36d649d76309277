/**
 * `club presenters`: who presented how often (from the archive), who is down to present what, and
 * whom the rotation asks next when nobody volunteers (the member who presented least, longest ago).
 */
import { pendingClaims } from '../../club/claims.ts';
import { presenterCounts, suggestPresenter } from '../../club/presenters.ts';
import type { Block } from '../../messages/message.ts';
import type { SubcommandDef } from '../types.ts';
import { clubSession, memberName, paperTitle } from './club-context.ts';

const SHOWN = 20;

export const clubPresenters: SubcommandDef = {
  kind: 'subcommand',
  name: 'presenters',
  scope: 'channel',
  description: 'Who presented how often, and who is next',
  options: [],
  examples: ['club presenters'],
  async run(ctx) {
    const { store, clock } = ctx.services;
    const [{ view, snapshot }, archive, members] = await Promise.all([clubSession(ctx), store.archivedSessions(ctx.channel), store.clubMembers(ctx.channel)]);
    const now = clock.now();
    const blocks: Block[] = [{ type: 'header', text: 'Presenters' }];
    if (view.paperId !== null) {
      blocks.push({
        type: 'text',
        text: view.presenter
          ? `Session ${view.number}: ${memberName(view.presenter)} presents ${paperTitle(ctx.services, view.paperId)}.`
          : `Session ${view.number}: ${paperTitle(ctx.services, view.paperId)} needs a presenter.`,
      });
    }
    const pending = pendingClaims(snapshot.claims, view.paperId);
    if (pending.length > 0) {
      blocks.push({ type: 'text', text: 'Claimed to present next' });
      blocks.push({ type: 'list', ordered: true, items: pending.map((c) => `${memberName(c.member)}: ${paperTitle(ctx.services, c.paperId)}`) });
    }
    const counts = presenterCounts(archive);
    if (counts.length === 0) {
      blocks.push({ type: 'text', text: 'Nobody has presented yet.' });
    } else {
      blocks.push({ type: 'text', text: 'Sessions presented' });
      blocks.push({
        type: 'list',
        items: counts.slice(0, SHOWN).map((p) => `${memberName(p.member)}: ${p.count} (last ${p.lastPresentedAt.slice(0, 10)})`),
      });
    }
    if (view.presenter === null) {
      const busy = new Set(pending.map((c) => c.member.id));
      const suggested = suggestPresenter({ members, archive, now, exclude: busy });
      if (suggested) blocks.push({ type: 'context', text: `Next in the rotation: ${memberName(suggested)} (presented least, longest ago).` });
    }
    blocks.push({ type: 'actions', buttons: [{ label: 'I’ll present', command: 'club present' }] });
    return { visibility: 'ephemeral', summary: 'Presenters', blocks };
  },
};
