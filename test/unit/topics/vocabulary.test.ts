import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/topics/normalize.ts';
import { VocabularyBuilder, type Vocabulary } from '../../../src/topics/vocabulary.ts';
import { seeded } from './matching-corpus.ts';

/** What the scanner says, written back as words ('?' for a word it does not know). */
function scanned(vocabulary: Vocabulary, words: readonly string[], text: string): { words: string[]; compounds: string[] } {
  const { ids, count, compounds } = vocabulary.scan(text);
  return { words: Array.from(ids.subarray(0, count), (id) => (id < 0 ? '?' : words[id]!)), compounds: compounds.map((id) => words[id]!) };
}

function vocabularyOf(words: readonly string[]): Vocabulary {
  const builder = new VocabularyBuilder();
  for (const word of words) builder.idOf(word);
  return builder.build();
}

/** Characters around every rule: joiners, apostrophes, accents (Unicode and LaTeX), plurals, astral letters, marks, digits. */
const PIECES = [
  'A', 'MODELS', 'Pre', 'a', 'b', 'x', 'e', 's', 'es', 'ies', 'che', 'ss', 'us', 'ias', 'y', 'é', 'É', 'ß', 'ø', 'Ł', 'ı', 'ﬁ', 'Ψ', '𝛼', '😀', '数', 'İ',
  '\u0301', '\u00AD', '\ud800', '-', '_', '.', "'", '/', '+', ' ', '  ', '1', '²', 'Ⅻ', '\\v{s}', '\\"o', '{\\o}', '"', '’', '‘',
  '–', '—', '‐', ',', '(', 'model', 'caches', 'studies', 'expert', "'s", 'pre', 'training',
];

/** Plain ASCII (no backslash, no apostrophe) is read without folding first: capitals, joiners, punctuation. */
const ASCII_PIECES = ['A', 'Z', 'MODEL', 'Caches', 'StUdIeS', 'x', 'es', '-', '_', '.', '/', '+', ' ', '1', ',', '(', '"', 'pre', 'Training', 'GPT'];

function fuzz(seed: number, count: number, pieces = PIECES): string[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 16) }, () => pieces[Math.floor(random() * pieces.length)]).join(''),
  );
}

describe('Vocabulary.scan reads text exactly as normalizeText does', () => {
  const texts = [
    "Europe's ROPE-based pre-training (GPT-3.5, don't) on Hajdu\\v{s}ek's caches; input/output c++x",
    'Mixture-of-Experts: studies of biases, approaches and analyses — naïve Søren Straße ΨPO',
    'PRE-TRAINING of Large-Language-Models, GPT-3.5/4 and C++X',
    ...fuzz(7, 4000),
    ...fuzz(8, 2000, ASCII_PIECES),
  ];

  it('with every word known: the same words and compounds, in order', () => {
    const all = [...new Set(texts.flatMap((t) => Object.values(normalizeText(t)).flat()))];
    const vocabulary = vocabularyOf(all);
    for (const text of texts) expect(scanned(vocabulary, all, text), JSON.stringify(text)).toEqual(normalizeText(text));
  });

  it('with half the words known: the others are unknown, plural spellings still find their word', () => {
    const all = [...new Set(texts.flatMap((t) => Object.values(normalizeText(t)).flat()))].sort();
    const known = all.filter((_, i) => i % 2 === 0);
    const vocabulary = vocabularyOf(known);
    const knownSet = new Set(known);
    for (const text of texts) {
      const { words, compounds } = normalizeText(text);
      expect(scanned(vocabulary, known, text), JSON.stringify(text)).toEqual({
        words: words.map((w) => (knownSet.has(w) ? w : '?')),
        compounds: compounds.filter((w) => knownSet.has(w)),
      });
    }
    expect(scanned(vocabularyOf(['model', 'study', 'cach', 'approach', 'bias']), ['model', 'study', 'cach', 'approach', 'bias'], 'Models STUDIES cache caches approaches biases modelss').words).toEqual([
      'model', 'study', 'cach', 'cach', 'approach', 'bias', '?',
    ]);
  });

  it('an empty vocabulary knows nothing; long texts grow the buffer', () => {
    const long = 'word '.repeat(5000);
    expect(scanned(vocabularyOf([]), [], long).words).toEqual(Array(5000).fill('?'));
    expect(scanned(vocabularyOf(['word']), ['word'], long).words).toEqual(Array(5000).fill('word'));
  });
});
