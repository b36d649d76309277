import { describe, expect, it } from 'vitest';
import { squash, Vocabulary } from '../../../src/search/vocabulary.ts';
import { fuzziness } from '../../../src/search/search-index.ts';

describe('squash', () => {
  it('collapses doubled letters but not digits', () => {
    expect(squash('llama')).toBe('lama');
    expect(squash('chinchilla')).toBe('chinchila');
    expect(squash('attention')).toBe('atention');
    expect(squash('1100')).toBe('1100');
  });
});

describe('Vocabulary.respellings', () => {
  const terms = ['llama', 'lama', 'chinchilla', 'attention'];
  const vocab = new Vocabulary({ has: (term) => terms.includes(term), terms: () => terms });

  it('re-spells an unknown word that differs only in doubled letters', () => {
    expect(vocab.respellings('lamma')).toEqual(['lama', 'llama']);
    expect(vocab.respellings('chinchila')).toEqual(['chinchilla']);
    expect(vocab.respellings('atention')).toEqual(['attention']);
  });

  it('leaves known and unrelated words alone', () => {
    expect(vocab.respellings('llama')).toEqual([]);
    expect(vocab.respellings('mamba')).toEqual([]);
  });
});

describe('fuzziness', () => {
  it('grows with term length and never applies to digits', () => {
    expect(['rest', 'dpo', 'lora'].map(fuzziness)).toEqual([0, 0, 0]);
    expect(['zephir', 'mistrel', 'prefrence'].map(fuzziness)).toEqual([1, 1, 2]);
    expect(fuzziness('gpt3')).toBe(0);
    expect(fuzziness('llama2chat')).toBe(0);
  });
});
