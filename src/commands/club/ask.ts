/**
 * `club ask <question>` and `club questions`: questions for the presenter, collected per session (also
 * from the discussion thread where the platform lets the bot read it). `club ask` needs no extra
 * scopes or intents, so it always works.
 */
import { cleanQuestion, MAX_QUESTION_LENGTH, MAX_QUESTIONS_PER_SESSION, questionsInOrder } from '../../club/questions.ts';
import { PaperclubError } from '../../errors.ts';
import { infoMessage } from '../../messages/cards.ts';
import { unquote } from '../../text/normalize.ts';
import type { Block } from '../../messages/message.ts';
import type { SubcommandDef } from '../types.ts';
import { clubSession, memberName, memberOf, paperTitle } from './club-context.ts';

const SHOWN = 30;

export const clubAsk: SubcommandDef = {
  kind: 'subcommand',
  name: 'ask',
  scope: 'channel',
  description: 'Ask a question for the presenter of the current session',
  options: [{ name: 'question', description: 'Your question', type: 'string', required: true, rest: true, maxLength: MAX_QUESTION_LENGTH }],
  examples: ['club ask Why does the low rank suffice?'],
  async run(ctx, args) {
    // One pair of quotes around the whole question is how a shell or a careful typist groups it, not part of it.
    const cleaned = cleanQuestion(unquote(String(args.question)));
    if (!cleaned.ok) throw new PaperclubError('bad_arguments', cleaned.error);
    const now = ctx.services.clock.now();
    const outcome = await ctx.services.store.addQuestion(ctx.channel, { member: memberOf(ctx.actor), text: cleaned.value, askedAt: now.toISOString(), source: 'command' });
    if (outcome.kind === 'full') return infoMessage(`This session already has ${MAX_QUESTIONS_PER_SESSION} questions; bring yours to the session.`);
    if (outcome.kind !== 'added') return infoMessage('That question is already collected.');
    const { view } = await clubSession(ctx);
    const about = view.paperId === null ? 'the next session' : paperTitle(ctx.services, view.paperId);
    return infoMessage(`Added your question for ${about} (${view.questions.length} so far).`, {
      buttons: [{ label: 'All questions', command: 'club questions' }],
    });
  },
};

export const clubQuestions: SubcommandDef = {
  kind: 'subcommand',
  name: 'questions',
  scope: 'channel',
  description: 'Questions collected for the presenter',
  options: [],
  examples: ['club questions'],
  async run(ctx) {
    const { view } = await clubSession(ctx);
    const about = view.paperId === null ? `session ${view.number}` : paperTitle(ctx.services, view.paperId);
    const blocks: Block[] = [{ type: 'header', text: `Questions for session ${view.number}` }];
    blocks.push({ type: 'context', text: `${about}${view.presenter ? `, presented by ${memberName(view.presenter)}` : ''}` });
    const questions = questionsInOrder(view.questions);
    if (questions.length === 0) {
      blocks.push({ type: 'text', text: 'No questions yet. Ask one with `/paper club ask <question>`, or in the session’s discussion thread.' });
    } else {
      blocks.push({ type: 'list', ordered: true, items: questions.slice(0, SHOWN).map((q) => `${memberName(q.member)}: ${q.text}`) });
      if (questions.length > SHOWN) blocks.push({ type: 'context', text: `…and ${questions.length - SHOWN} more.` });
    }
    return { visibility: 'ephemeral', summary: `${questions.length} questions for session ${view.number}`, blocks };
  },
};
