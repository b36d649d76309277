import { describe, expect, it } from 'vitest';
import { compact, documentTerms, MAX_QUERY_WORDS, queryTerms } from '../../../src/search/normalize.ts';

describe('compact', () => {
  it('makes every spelling of a name equal', () => {
    expect(compact('GPT-3')).toBe('gpt3');
    expect(compact('gpt 3')).toBe('gpt3');
    expect(compact('GPT3')).toBe('gpt3');
    expect(compact('Llama 2')).toBe('llama2');
  });
});

describe('documentTerms', () => {
  it('emits the parts and the joined form of hyphenated and dotted compounds', () => {
    expect(documentTerms('GPT-3')).toEqual(['gpt3', 'gpt', '3']);
    expect(documentTerms('Chain-of-Thought')).toEqual(['chainofthought', 'chain', 'thought']);
    expect(documentTerms('1.58 Bits')).toEqual(['158', '1', '58', 'bit']);
  });
  it('splits camel case only into parts of three letters or more', () => {
    expect(documentTerms('FlashAttention')).toEqual(['flashattention', 'flash', 'attention']);
    expect(documentTerms('LoRA GaLore')).toEqual(['lora', 'galore']);
  });
  it('splits a name from its number', () => {
    expect(documentTerms('GPT3 Llama2')).toEqual(['gpt3', 'gpt', '3', 'llama2', 'llama', '2']);
    expect(documentTerms('S4 7B')).toEqual(['s4', '7b']);
  });
  it('drops stopwords and punctuation', () => {
    expect(documentTerms('The Era of 1-bit LLMs!')).toEqual(['era', '1bit', '1', 'bit', 'llm']);
  });
});

describe('queryTerms', () => {
  it('joins adjacent words so `gpt 3` meets `gpt3`', () => {
    expect(queryTerms('gpt 3')).toEqual({
      words: [
        { whole: 'gpt', parts: [] },
        { whole: '3', parts: [] },
      ],
      terms: ['gpt', '3'],
      joined: [{ term: 'gpt3', covers: [0, 1] }],
    });
    expect(queryTerms('flash attention').joined).toEqual([{ term: 'flashattention', covers: [0, 1] }]);
  });
  it('joins across stopwords so `chain of thought` meets `chainofthought`', () => {
    const { words, joined } = queryTerms('chain of thought');
    expect(words.map((w) => w.whole)).toEqual(['chain', 'thought']);
    expect(joined).toContainEqual({ term: 'chainofthought', covers: [0, 1] });
  });
  it('joins only short queries (names are short; sentences are not names)', () => {
    expect(queryTerms('the era of one bit').joined.length).toBeGreaterThan(0);
    expect(queryTerms('smaller models trained on more data').joined).toEqual([]);
  });
  it('keeps a compound whole and its pieces apart', () => {
    expect(queryTerms('GPT-3').words).toEqual([{ whole: 'gpt3', parts: ['gpt', '3'] }]);
    expect(queryTerms('ModelMerge').words).toEqual([{ whole: 'modelmerge', parts: ['model', 'merge'] }]);
    expect(queryTerms('for-loops').words).toEqual([{ whole: 'forloop', parts: ['loop'] }]);
  });
  it('returns nothing for empty, blank and punctuation-only queries', () => {
    for (const q of ['', '   \t\n', '!!! ??? ...', '—', 'the of a']) {
      expect(queryTerms(q)).toEqual({ words: [], terms: [], joined: [] });
    }
  });
  it('caps the words of a very long query', () => {
    const long = Array.from({ length: 500 }, (_, i) => `word${i}x`).join(' ');
    const { words, terms } = queryTerms(long);
    expect(words).toHaveLength(MAX_QUERY_WORDS);
    expect(terms).not.toContain('word499x');
  });
});
