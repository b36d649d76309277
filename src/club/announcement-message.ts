/**
 * The messages a session's announcement is made of: the announcement itself (the paper's card and links,
 * the presenter or "needs a presenter" with the rotation's suggestion, a pre-read prompt) and the
 * first message of its discussion thread, which tells members how their questions are collected there.
 * Plain text: renderers escape it and never let it ping (members are named, not mentioned).
 */
import type { PaperEntry } from '../library/types.ts';
import { paperCard, paperLinks } from '../messages/cards.ts';
import type { Block, Button, Message } from '../messages/message.ts';
import type { PaperLookup } from '../search/resolve.ts';
import { clip } from '../text/clip.ts';
import type { AnnouncementPlan } from './announcement.ts';
import { formatSessionTime } from './schedule.ts';
import type { Member } from './types.ts';

/** How a thread reply becomes a question on this platform: every reply that asks, only replies that mention the bot, or none. */
export type ThreadQuestions = 'replies' | 'mentions' | 'none';

const nameOf = (member: Member) => clip(member.name ?? member.id, 80);

function paperName(entry: PaperEntry | undefined, paperId: string): string {
  return entry ? entry.title : paperId;
}

export function announcementMessage(plan: AnnouncementPlan, library: Pick<PaperLookup, 'get'>, timeZone: string, questions: ThreadQuestions): Message {
  const when = formatSessionTime(plan.sessionAt, timeZone);
  const entry = plan.paperId === null ? undefined : library.get(plan.paperId);
  const blocks: Block[] = [{ type: 'header', text: `${plan.carriedOver ? 'Paper club, still on' : 'Paper club'}: session ${plan.sessionNumber}, ${when}` }];
  const buttons: Button[] = [];
  if (plan.paperId === null) {
    blocks.push({
      type: 'text',
      text: 'No paper is chosen yet. Vote for one with `/paper club vote <id or title>` (or the Vote button on any paper), or an admin adds one with `/paper club add`.',
    });
    buttons.push({ label: 'Vote standings', command: 'club votes' });
  } else {
    if (plan.carriedOver) blocks.push({ type: 'text', text: 'The club did not get to this paper last time, so it stays on the table. The questions asked so far stay too.' });
    if (entry) {
      blocks.push({ type: 'card', card: paperCard(entry, { compact: true }) });
      const links = paperLinks(entry);
      if (links.length > 0) blocks.push({ type: 'links', links });
    } else {
      blocks.push({ type: 'text', text: `Paper: ${plan.paperId} (no longer in the library)` });
    }
    if (plan.presenter) {
      blocks.push({ type: 'text', text: `Presenter: ${nameOf(plan.presenter)}` });
    } else {
      const suggestion = plan.suggestedPresenter ? ` Next in the rotation: ${nameOf(plan.suggestedPresenter)}, who presented least and longest ago.` : '';
      blocks.push({ type: 'text', text: `Needs a presenter.${suggestion} Volunteer with \`/paper club present\`.` });
      buttons.push({ label: 'I’ll present', command: 'club present' });
    }
    blocks.push({
      type: 'text',
      text: `Before the session: read ${paperName(entry, plan.paperId)} and bring one question. Ask it ${questions === 'none' ? 'with' : "in this announcement's thread or with"} \`/paper club ask <question>\`; the presenter sees them all with \`/paper club questions\`.`,
    });
    if (plan.openQuestions > 0) blocks.push({ type: 'context', text: `${plan.openQuestions} question${plan.openQuestions === 1 ? '' : 's'} collected so far.` });
    buttons.push({ label: 'Questions', command: 'club questions' });
  }
  buttons.push({ label: 'Vote for the next paper', command: 'club votes' }, { label: 'Calendar', command: 'club calendar' });
  blocks.push({ type: 'actions', buttons });
  const summary = plan.paperId === null ? `Paper club, ${when}: no paper chosen yet` : `Paper club, ${when}: ${paperName(entry, plan.paperId)}`;
  return { visibility: 'in_channel', summary, blocks };
}

/** The thread's name where the platform names threads (Discord): the session and its paper. */
export function threadTitle(plan: AnnouncementPlan, library: Pick<PaperLookup, 'get'>): string {
  const entry = plan.paperId === null ? undefined : library.get(plan.paperId);
  const paper = plan.paperId === null ? 'paper to be chosen' : (entry?.aka[0] ?? paperName(entry, plan.paperId));
  return `Session ${plan.sessionNumber}: ${paper}`;
}

/** The first message in the discussion thread: how to ask here. */
export function threadOpenerMessage(plan: AnnouncementPlan, library: Pick<PaperLookup, 'get'>, questions: ThreadQuestions): Message {
  const entry = plan.paperId === null ? undefined : library.get(plan.paperId);
  const about = plan.paperId === null ? `session ${plan.sessionNumber}` : paperName(entry, plan.paperId);
  const how =
    questions === 'replies'
      ? 'A reply here that asks something (with a question mark) is collected for the presenter.'
      : questions === 'mentions'
        ? 'Mention the bot in a reply that asks something (with a question mark) and it is collected for the presenter.'
        : 'Collect questions for the presenter with `/paper club ask <question>`.';
  return {
    visibility: 'in_channel',
    summary: `Discussion of ${about}`,
    blocks: [
      { type: 'text', text: `Discussion of ${about}. ${how} \`/paper club ask\` works too, and \`/paper club questions\` lists them.` },
    ],
  };
}
