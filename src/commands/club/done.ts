/**
 * `club done [notes <url>] [recording <url>]`: the session took place. It is archived (date, paper,
 * presenter, the round's votes, the questions, the links) and the next paper becomes current: a claimed
 * paper, else the top vote, else the reading queue (src/club/next-paper.ts). The "Mark done" button
 * carries the session number (`--session`), so a late click can never finish the following session.
 */
import { parseDoneOptions, parseSessionLink } from '../../club/session.ts';
import { markSessionDone } from '../../club/service.ts';
import type { NextPaper } from '../../club/next-paper.ts';
import { PaperclubError } from '../../errors.ts';
import { infoMessage } from '../../messages/cards.ts';
import { initialQueue } from '../papers.ts';
import type { ParsedArgs, SubcommandDef } from '../types.ts';
import { memberName, memberOf, paperTitle } from './club-context.ts';

/**
 * The links, however they came: `notes <url> recording <url>` typed (the words land in `notes`), a bare
 * notes URL, or Discord's two typed options.
 */
function links(args: ParsedArgs): { notesUrl: string | null; recordingUrl: string | null } {
  const notes = typeof args.notes === 'string' ? args.notes.trim() : '';
  const recording = typeof args.recording === 'string' ? args.recording.trim() : '';
  const words = notes === '' ? [] : notes.split(/\s+/);
  // A lone URL is the notes link; otherwise the words name their links.
  const named = words.length === 1 && !/^(notes|recording)$/i.test(words[0]!) ? ['notes', words[0]!] : words;
  const parsed = parseDoneOptions(named);
  if (!parsed.ok) throw new PaperclubError('bad_arguments', parsed.error);
  let { recordingUrl } = parsed.value;
  if (recording !== '') {
    if (recordingUrl !== null) throw new PaperclubError('bad_arguments', 'The recording link is given twice.');
    const link = parseSessionLink(recording);
    if (!link.ok) throw new PaperclubError('bad_arguments', link.error);
    recordingUrl = link.value;
  }
  return { notesUrl: parsed.value.notesUrl, recordingUrl };
}

function nextText(services: Parameters<typeof paperTitle>[0], next: NextPaper | null): string {
  if (next === null) return 'Nothing is queued, voted for or claimed: vote for the next paper, or an admin adds one.';
  const title = paperTitle(services, next.paperId);
  if (next.chosenBy === 'claim') return `Next up: ${title}, which ${next.presenter ? memberName(next.presenter) : 'a member'} claimed to present.`;
  if (next.chosenBy === 'vote') return `Next up: ${title}, chosen by vote (${next.votes} vote${next.votes === 1 ? '' : 's'}). It needs a presenter.`;
  return `Next up: ${title}, from the reading queue. It needs a presenter.`;
}

export const clubDone: SubcommandDef = {
  kind: 'subcommand',
  name: 'done',
  scope: 'channel',
  description: 'The session took place: archive it and move on',
  admin: true,
  options: [
    { name: 'notes', description: 'Notes link (or: notes <url> recording <url>)', type: 'string', required: false, rest: true, maxLength: 1100 },
    { name: 'recording', description: 'Link to the recording', type: 'string', required: false, maxLength: 500 },
    { name: 'session', description: 'Session number (from the Mark done button)', type: 'integer', required: false, min: 1, max: 1_000_000 },
  ],
  examples: ['club done', 'club done notes https://example.org/notes recording https://example.org/video'],
  async run(ctx, args) {
    const { services } = ctx;
    const { notesUrl, recordingUrl } = links(args);
    const outcome = await markSessionDone(services.store, ctx.channel, initialQueue(services), {
      now: services.clock.now(),
      doneBy: memberOf(ctx.actor),
      notesUrl,
      recordingUrl,
      ...(typeof args.session === 'number' ? { expectedNumber: args.session } : {}),
    });
    if (outcome.kind === 'no_paper') {
      return infoMessage('The club has no current paper, so there is no session to mark done. Vote for one, or add one with `/paper club add <id or title>`.');
    }
    if (outcome.kind === 'already_done') {
      return infoMessage(`That session was already marked done; the club is on session ${outcome.currentNumber} now.`, {
        buttons: [{ label: 'History', command: 'club history' }],
      });
    }
    const { archived, next } = outcome;
    const presented = archived.presenter ? `, presented by ${memberName(archived.presenter)}` : '';
    const kept = [
      `${archived.questions.length} question${archived.questions.length === 1 ? '' : 's'}`,
      archived.notesUrl ? 'the notes link' : null,
      archived.recordingUrl ? 'the recording link' : null,
    ].filter((part): part is string => part !== null);
    return infoMessage(
      `Session ${archived.number} (${paperTitle(services, archived.paperId)}${presented}) is archived with ${kept.join(', ').replace(/, ([^,]*)$/, ' and $1')}.\n${nextText(services, next)}`,
      {
        buttons: [
          { label: "This week's paper", command: 'club next' },
          { label: 'History', command: 'club history' },
        ],
      },
    );
  },
};
