import { describe, expect, it } from 'vitest';
import { cleanQuestion, MAX_QUESTION_LENGTH, questionsInOrder, threadReplyQuestion } from '../../../src/club/questions.ts';
import type { Question } from '../../../src/club/types.ts';

describe('cleanQuestion', () => {
  it('keeps the words, drops control characters, tidies whitespace', () => {
    expect(cleanQuestion('  Why  does\tLoRA\u0007 work?\r\n\r\n\r\n\r\nReally?  ')).toEqual({ ok: true, value: 'Why does LoRA work?\n\nReally?' });
    // Markup and mentions are kept as text: renderers escape them.
    expect(cleanQuestion('<!channel> @everyone *bold*?')).toEqual({ ok: true, value: '<!channel> @everyone *bold*?' });
    expect(cleanQuestion('right\u202eto-left?')).toEqual({ ok: true, value: 'rightto-left?' });
  });

  it('refuses empty and overlong questions', () => {
    expect(cleanQuestion(' \u0000 ').ok).toBe(false);
    expect(cleanQuestion('x'.repeat(MAX_QUESTION_LENGTH)).ok).toBe(true);
    expect(cleanQuestion('x'.repeat(MAX_QUESTION_LENGTH + 1))).toMatchObject({ ok: false, error: expect.stringContaining(String(MAX_QUESTION_LENGTH)) });
  });
});

describe('threadReplyQuestion', () => {
  it('collects replies that ask something', () => {
    expect(threadReplyQuestion('What is the rank used?')).toBe('What is the rank used?');
    expect(threadReplyQuestion('¿Por qué funciona')).toBe('¿Por qué funciona');
    expect(threadReplyQuestion('Great talk, thanks!')).toBeNull();
  });

  it('cuts a long question at the limit rather than dropping it', () => {
    const long = `${'word '.repeat(200)}why?`;
    const kept = threadReplyQuestion(long)!;
    expect(kept.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
    expect(kept.endsWith('…')).toBe(true);
  });
});

describe('questionsInOrder', () => {
  it('lists the oldest first', () => {
    const q = (id: string, askedAt: string): Question => ({ id, member: { id: 'u' }, text: id, askedAt, source: 'command' });
    expect(questionsInOrder([q('2', '2025-01-02T00:00:00Z'), q('1', '2025-01-01T00:00:00Z'), q('3', '2025-01-02T00:00:00Z')]).map((x) => x.id)).toEqual(['1', '2', '3']);
  });
});
