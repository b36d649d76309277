/**
 * The one text-normalisation module: quotes, hyphens, accents (Unicode and LaTeX), case and plurals.
 * Search, topics and the command tokenizer read text through it, so they must agree with each other.
 */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/commands/command-line.ts';
import { documentTerms, queryTerms } from '../../../src/search/normalize.ts';
import { clip } from '../../../src/text/clip.ts';
import { fold, plainText, singular, straightenHyphens, straightenQuotes, unquote } from '../../../src/text/normalize.ts';
import { phraseWords } from '../../../src/topics/normalize.ts';
import { parseTopic } from '../../../src/topics/parse.ts';

describe('fold and plainText', () => {
  it('folds case and accents but keeps Greek letters', () => {
    expect(fold('Benjamin Thérien')).toBe('benjamin therien');
    expect(fold('ΨPO')).toBe('ψpo');
    expect(fold('Ｆｕｌｌwidth ﬁne')).toBe('fullwidth fine');
  });
  it('reads LaTeX accents and letters the way arXiv and BibTeX write names', () => {
    expect(fold("Andr\\'e G\\\"{o}del S{\\o}ren Stanis{\\l}aw")).toBe('andre godel soren stanislaw');
    expect(fold('Søren Łukasz Straße Æsir')).toBe('soren lukasz strasse aesir');
  });
  it('keeps case for camel-case splitting', () => {
    expect(plainText('FlashAttention Thérien')).toBe('FlashAttention Therien');
  });
});

describe('quotes and hyphens', () => {
  it('straightens typographic quotes without moving anything', () => {
    const typed = '“mixture of experts” ‘kv cache’ „Mischung“';
    const straight = straightenQuotes(typed);
    expect(straight).toBe('"mixture of experts" \'kv cache\' "Mischung"');
    expect(straight.length).toBe(typed.length);
  });
  it('reads Unicode hyphens as hyphens and drops soft hyphens', () => {
    expect(straightenHyphens('Chain‐of‐Thought Kullback–Leibler pre\u00ADtraining')).toBe('Chain-of-Thought Kullback-Leibler pretraining');
    expect(documentTerms('Chain‐of‐Thought')).toEqual(documentTerms('Chain-of-Thought'));
  });
  it('unquotes one pair of matching quotes around a whole text', () => {
    expect(unquote('"attention is all you need"')).toBe('attention is all you need');
    expect(unquote('“attention is all you need”')).toBe('attention is all you need');
    expect(unquote("'lora'")).toBe('lora');
    expect(unquote("what's new")).toBe("what's new");
    expect(unquote('"')).toBe('"');
  });
  it('the command tokenizer and the topic parser group the same quoted phrases', () => {
    for (const typed of ['"speculative decoding"', '“speculative decoding”', '„speculative decoding“', "'speculative decoding'", '‘speculative decoding’']) {
      const tokens = tokenize(`topics add ${typed}`);
      expect(tokens.map((t) => t.value), typed).toEqual(['topics', 'add', 'speculative decoding']);
      const topic = parseTopic(typed);
      expect(topic.ok && topic.value.clauses, typed).toEqual([{ anyOf: [{ kind: 'text', text: 'speculative decoding', scope: 'any' }] }]);
    }
  });
});

describe('singular: one plural rule for search and topics', () => {
  it('strips simple plurals', () => {
    expect(singular('models')).toBe('model');
    expect(singular('studies')).toBe('study');
    expect(singular('loras')).toBe('lora');
    expect(singular('approaches')).toBe('approach');
    expect(singular('boxes')).toBe('box');
  });
  it('leaves short words, digits and -ss/-us/-is/-ias singulars alone', () => {
    expect(singular('gas')).toBe('gas');
    expect(singular('llms2')).toBe('llms2');
    expect(singular('process')).toBe('process');
    expect(singular('corpus')).toBe('corpus');
    expect(singular('analysis')).toBe('analysis');
    expect(singular('bias')).toBe('bias');
  });
  it('meets both spellings of words ending in -che and -ze', () => {
    expect(singular('caches')).toBe(singular('cache'));
    expect(singular('sizes')).toBe(singular('size'));
  });
  it('search and topics read `biases` as `bias` (they used to disagree: biase vs bias)', () => {
    expect(documentTerms('biases')).toEqual(documentTerms('bias'));
    expect(documentTerms('biases')).toEqual(phraseWords('biases'));
    expect(queryTerms('Biases').terms).toEqual(phraseWords('bias'));
    expect(documentTerms('KV caches')).toEqual(phraseWords('kv cache'));
  });
});

describe('clip', () => {
  it('flattens whitespace and cuts on a code point with an ellipsis', () => {
    expect(clip('  a\n\tb  ')).toBe('a b');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(clip('word   ', 60)).toBe('word');
  });
});
