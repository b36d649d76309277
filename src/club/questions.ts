/**
 * Questions for the presenter, collected per session from `club ask` and from replies in the session's
 * discussion thread. Text is kept as the member wrote it (renderers escape it); only control characters
 * are dropped and the length is capped, so a pasted essay cannot crowd out everyone else's question.
 */
import type { ParseResult } from '../channel-address.ts';
import type { Question } from './types.ts';

export const MAX_QUESTION_LENGTH = 500;
export const MAX_QUESTIONS_PER_SESSION = 100;

/** A question as a command or thread reply hands it to the store, which assigns the id. */
export type NewQuestion = Omit<Question, 'id'>;

// eslint-disable-next-line no-control-regex -- dropping control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Trimmed, control characters dropped, blank lines collapsed; an error for empty or too long text. */
export function cleanQuestion(text: string): ParseResult<string> {
  const clean = text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (clean === '') return { ok: false, error: 'The question is empty: write it after `club ask`.' };
  if (clean.length > MAX_QUESTION_LENGTH) {
    return { ok: false, error: `That question is ${clean.length} characters long; keep it under ${MAX_QUESTION_LENGTH}.` };
  }
  return { ok: true, value: clean };
}

/**
 * A thread reply counts as a question when it asks one (contains a question mark): a discussion
 * thread is mostly conversation, and `club ask` is always there for the rest.
 */
export function threadReplyQuestion(text: string): string | null {
  if (!/[?？¿]/.test(text)) return null;
  const clean = cleanQuestion(text);
  if (clean.ok) return clean.value;
  // A long reply that asks something is still collected, cut at the limit with an ellipsis.
  const cut = cleanQuestion(text.replace(CONTROL, '').trim().slice(0, MAX_QUESTION_LENGTH - 1));
  return cut.ok ? `${cut.value}…` : null;
}

/** Oldest first, the order the presenter reads them in. */
export function questionsInOrder(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => Date.parse(a.askedAt) - Date.parse(b.askedAt) || Number(a.id) - Number(b.id));
}
