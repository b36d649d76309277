/**
 * `club history [query]`: the sessions the club held, most recent first; a query finds sessions by the
 * paper's title, nickname, authors or id, or the presenter's name (src/club/history.ts).
 */
import { DateTime } from 'luxon';
import { searchHistory } from '../../club/history.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { Block } from '../../messages/message.ts';
import { clip } from '../../text/clip.ts';
import { unquote } from '../../text/normalize.ts';
import { MAX_QUERY_LENGTH } from '../papers.ts';
import type { SubcommandDef } from '../types.ts';
import { memberName, paperTitle } from './club-context.ts';

const SHOWN = 20;

export const clubHistory: SubcommandDef = {
  kind: 'subcommand',
  name: 'history',
  scope: 'channel',
  description: 'Past sessions; a query searches papers and presenters',
  options: [{ name: 'query', description: 'Title words, a nickname, author, presenter or id', type: 'string', required: false, rest: true, maxLength: MAX_QUERY_LENGTH }],
  examples: ['club history', 'club history lora'],
  async run(ctx, args) {
    const { store, library } = ctx.services;
    const query = typeof args.query === 'string' ? unquote(args.query) : '';
    const [archive, schedule] = await Promise.all([store.archivedSessions(ctx.channel), store.getClubSchedule(ctx.channel)]);
    if (archive.length === 0) return infoMessage('The club has no past sessions yet. An admin marks a session done with `/paper club done`.');
    const found = searchHistory(archive, query, library);
    if (found.length === 0) return infoMessage(`No past session matches "${clip(query)}". \`/paper club history\` lists them all.`);
    const zone = schedule?.timeZone ?? 'UTC';
    const items = found.slice(0, SHOWN).map((s) => {
      const parts = [
        `#${s.number}`,
        DateTime.fromISO(s.heldAt, { zone }).toFormat('ccc d LLL yyyy'),
        paperTitle(ctx.services, s.paperId),
        s.presenter ? `presented by ${memberName(s.presenter)}` : 'no presenter',
        s.questions.length > 0 ? `${s.questions.length} question${s.questions.length === 1 ? '' : 's'}` : null,
        s.notesUrl ? `notes ${s.notesUrl}` : null,
        s.recordingUrl ? `recording ${s.recordingUrl}` : null,
      ];
      return parts.filter((p): p is string => p !== null).join(' · ');
    });
    const blocks: Block[] = [{ type: 'header', text: query === '' ? 'Club history' : `Club history: ${clip(query, 60)}` }, { type: 'list', items }];
    if (found.length > SHOWN) blocks.push({ type: 'context', text: `…and ${found.length - SHOWN} earlier sessions.` });
    return { visibility: 'ephemeral', summary: `${found.length} past session${found.length === 1 ? '' : 's'}`, blocks };
  },
};
