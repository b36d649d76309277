/**
 * `club next`: the club's current paper (the head of the queue) with its session: number, presenter
 * (or "needs a presenter"), the next session's time when there is a schedule, and what follows.
 */
import { nextSession } from '../../club/schedule.ts';
import { infoMessage, paperCardMessage } from '../../messages/cards.ts';
import type { Button } from '../../messages/message.ts';
import type { SubcommandDef } from '../types.ts';
import { clubSession, memberName, whenText } from './club-context.ts';
import { queuedTitle } from './queue-text.ts';

const EMPTY = 'The club has no current paper: the reading queue is empty. Vote for one (`/paper club vote <id or title>`) or an admin adds one (`/paper club add <id or title>`).';

export const clubNext: SubcommandDef = {
  kind: 'subcommand',
  name: 'next',
  scope: 'channel',
  description: "The club's current paper, presenter and session",
  options: [],
  examples: ['club next'],
  async run(ctx) {
    const { store, clock } = ctx.services;
    const [{ view, snapshot }, schedule, skipped] = await Promise.all([clubSession(ctx), store.getClubSchedule(ctx.channel), store.skippedSessions(ctx.channel)]);
    const head = view.paperId;
    if (head === null) return infoMessage(EMPTY, { buttons: [{ label: 'Vote standings', command: 'club votes' }] });
    const upNext = snapshot.queue.slice(1, 3).map((id) => queuedTitle(ctx.services, id));
    const when = schedule ? nextSession(schedule, clock.now(), new Set(skipped)) : null;
    const lines = [
      view.presenter ? `Presenter: ${memberName(view.presenter)}` : 'Needs a presenter: `/paper club present`',
      when && schedule ? `Session ${view.number}: ${whenText(when, schedule)}` : `Session ${view.number} (no schedule yet)`,
      upNext.length > 0 ? `Up next in the queue: ${upNext.join('; ')}` : 'Nothing queued after this one.',
    ];
    const buttons: Button[] = [];
    if (!view.presenter) buttons.push({ label: 'I’ll present', command: 'club present' });
    buttons.push(
      { label: 'Questions', command: 'club questions' },
      { label: 'Mark done', command: `club done --session ${view.number}` },
      { label: 'Reading queue', command: 'club list' },
    );
    const entry = ctx.services.library.get(head);
    if (!entry) {
      return infoMessage(`This week's paper: ${head} (no longer in the library).\n${lines.join('\n')}`, { header: "This week's paper", buttons });
    }
    return paperCardMessage(entry, { header: "This week's paper", queuePosition: 1, context: lines.join(' · '), buttons });
  },
};
