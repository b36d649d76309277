import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { InvertedIndex } from '../../../src/search/inverted-index.ts';
import { documentTerms } from '../../../src/search/normalize.ts';
import { type TermLookup, TextScorer } from '../../../src/search/text-scorer.ts';
import { SAMPLE } from './fixtures.ts';

/**
 * The scorer replaces MiniSearch's `search` but must score exactly as it does (the ranking, the MRR and
 * the scores the CLI prints depend on it): the same BM25+ sums, bit for bit, for exact, prefix and
 * fuzzy matches, term boosts and field boosts.
 */

const FIELDS = ['title', 'aka', 'summary', 'takeaway'] as const;
const BOOSTS = { title: 4, aka: 6, summary: 0.6, takeaway: 2 };
const WEIGHTS = { prefix: 0.375, fuzzy: 0.3 };

const texts = SAMPLE.map((e) => ({ title: e.title, aka: e.aka.join(' ; '), summary: e.summary.join(' '), takeaway: e.takeaway ?? '' }));
const index = InvertedIndex.build(
  FIELDS.length,
  texts.map((doc) => FIELDS.map((field) => documentTerms(doc[field]))),
);
const mini = new MiniSearch<{ id: number } & (typeof texts)[number]>({ fields: [...FIELDS], tokenize: (text) => documentTerms(text), processTerm: (t) => t });
mini.addAll(texts.map((doc, id) => ({ id, ...doc })));

const lookup = (term: string, options: Partial<TermLookup> = {}): TermLookup => ({ term, weight: 1, prefix: false, fuzzy: 0, covers: 1, spells: 1, ...options });

/** MiniSearch's score for each document, searching the lookups as one OR query over `fields`. */
function miniScores(lookups: readonly TermLookup[], fields: ReadonlyArray<(typeof FIELDS)[number]>): Map<number, number> {
  const byTerm = new Map(lookups.map((l) => [l.term, l]));
  const results = mini.search(lookups.map((l) => l.term).join(' '), {
    fields: [...fields],
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t,
    boost: BOOSTS,
    weights: WEIGHTS,
    boostTerm: (term) => byTerm.get(term)!.weight,
    prefix: (term) => byTerm.get(term)!.prefix,
    fuzzy: (term) => byTerm.get(term)!.fuzzy,
    combineWith: 'OR',
  });
  return new Map(results.map((r) => [r.id as number, r.score]));
}

describe('TextScorer', () => {
  const specific = ['title', 'aka', 'takeaway'] as const;
  const notes = ['summary'] as const;
  const group = (fields: ReadonlyArray<(typeof FIELDS)[number]>) => ({ fields: fields.map((f) => ({ field: FIELDS.indexOf(f), boost: BOOSTS[f] })) });
  const scorer = new TextScorer(index, [group(specific), group(notes)], WEIGHTS);

  it.each([
    ['one exact term', [lookup('lora')]],
    ['several terms, one weighed down', [lookup('language'), lookup('model', { weight: 0.3 }), lookup('attention')]],
    ['prefix completions', [lookup('mod', { prefix: true }), lookup('lang', { prefix: true })]],
    ['fuzzy neighbours, a prefix match counted once', [lookup('atention', { fuzzy: 1 }), lookup('chinchila', { fuzzy: 2, prefix: true })]],
    ['a term no document holds', [lookup('zzzz', { prefix: true, fuzzy: 1 }), lookup('mamba')]],
  ])('scores %s exactly as MiniSearch', (_name, lookups) => {
    const matches = scorer.match(lookups);
    for (const [g, fields] of [specific, notes].entries()) {
      const expected = miniScores(lookups, fields);
      const actual = new Map<number, number>();
      for (let i = 0; i < matches.count; i += 1) {
        const doc = matches.doc(i);
        // MiniSearch multiplies the summed BM25+ by the number of query terms the document matched.
        if (matches.score(g, doc) > 0) actual.set(doc, matches.score(g, doc) * matches.matchedLookups(g, doc));
      }
      expect(actual).toEqual(expected);
    }
    expect(matches.count).toBeGreaterThan(0);
  });

  it('tells which typed words a document matched, and which exactly as typed', () => {
    const flash = SAMPLE.findIndex((e) => e.id === '2205.14135');
    const matches = scorer.match([
      lookup('flash', { covers: 0b01, spells: 0b01 }),
      lookup('atten', { covers: 0b10, spells: 0b10, prefix: true }),
    ]);
    expect(matches.coveredWords(0, flash)).toBe(0b11);
    // `atten` matched only by completion (`attention`), so the word is covered but not found as typed.
    expect(matches.exactWords(0, flash)).toBe(0b01);
  });

  it('forgets the previous query', () => {
    const first = scorer.match([lookup('lora')]);
    const loraDocs = Array.from({ length: first.count }, (_, i) => first.doc(i));
    expect(loraDocs.length).toBeGreaterThan(0);
    const second = scorer.match([lookup('chinchilla')]);
    for (const doc of loraDocs.filter((d) => !Array.from({ length: second.count }, (_, i) => second.doc(i)).includes(d))) {
      expect(second.score(0, doc)).toBe(0);
      expect(second.matchedLookups(0, doc)).toBe(0);
      expect(second.coveredWords(0, doc)).toBe(0);
    }
    expect(scorer.match([]).count).toBe(0);
  });
});

describe('InvertedIndex', () => {
  it('keeps each term’s postings by field, in document order, and finds terms by prefix and by edit distance', () => {
    const small = InvertedIndex.build(2, [
      [['llama', 'llama', 'model'], ['meta']],
      [['model'], []],
      [[], ['llama']],
    ]);
    const llama = small.get('llama')!;
    const postings = (term: number, field: number) => Array.from(small.docs.subarray(small.start(term, field), small.end(term, field)));
    expect(postings(llama, 0)).toEqual([0]);
    expect(postings(llama, 1)).toEqual([2]);
    expect(postings(small.get('model')!, 0)).toEqual([0, 1]);
    expect(small.get('mamba')).toBeUndefined();
    expect([...small.completions('ll')].map(([term]) => term)).toEqual(['llama']);
    expect([...small.neighbours('lama', 1).keys()]).toEqual(['llama']);
    expect([...small.terms()].sort()).toEqual(['llama', 'meta', 'model']);
    // A repeated term scores higher in the same field.
    expect(small.scores[small.start(llama, 0)]).toBeGreaterThan(small.scores[small.start(small.get('model')!, 0)]!);
  });

  it('builds an empty index', () => {
    const empty = InvertedIndex.build(3, []);
    expect(empty.documentCount).toBe(0);
    expect(empty.get('anything')).toBeUndefined();
  });
});
