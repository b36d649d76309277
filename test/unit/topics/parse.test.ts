import { describe, expect, it } from 'vitest';
import { parseTopic, MAX_TOPIC_LENGTH } from '../../../src/topics/parse.ts';
import { describeTerm, wantedCategories } from '../../../src/topics/query.ts';
import { normalizeCategory } from '../../../src/topics/categories.ts';

function parsed(text: string) {
  const result = parseTopic(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result.value;
}

function error(text: string): string {
  const result = parseTopic(text);
  if (result.ok) throw new Error(`expected "${text}" to be rejected`);
  return result.error;
}

describe('parseTopic', () => {
  it('reads a quoted phrase as one text term searching title and abstract', () => {
    const q = parsed('  "mixture of experts" ');
    expect(q.source).toBe('"mixture of experts"');
    expect(q.clauses).toEqual([{ anyOf: [{ kind: 'text', text: 'mixture of experts', scope: 'any' }] }]);
    expect(q.exclude).toEqual([]);
    expect(q.replacements).toBe(false);
  });

  it('reads typographic quotes (what Slack and phone keyboards send) like straight ones', () => {
    for (const text of ['“mixture of experts”', '„mixture of experts“', '″mixture of experts″']) {
      expect(parsed(text).clauses).toEqual([{ anyOf: [{ kind: 'text', text: 'mixture of experts', scope: 'any' }] }]);
    }
    expect(parsed('au:“Tri Dao” -“a survey”').clauses).toEqual([{ anyOf: [{ kind: 'author', name: 'Tri Dao' }] }]);
    expect(parsed('au:“Tri Dao” -“a survey”').exclude).toEqual([{ kind: 'text', text: 'a survey', scope: 'any' }]);
    expect(parsed('“mixture of experts”').source).toBe('“mixture of experts”');
    expect(error('“mixture of experts')).toMatch(/never closed/);
  });

  it('makes bare words separate AND clauses', () => {
    const q = parsed('sparse routing');
    expect(q.clauses.map((c) => c.anyOf.map(describeTerm))).toEqual([['sparse'], ['routing']]);
  });

  it('reads AND as an operator, the same as leaving it out (it used to be a word to look for)', () => {
    const q = parsed('rope AND "long context"');
    expect(q.clauses.map((c) => c.anyOf.map(describeTerm))).toEqual([['rope'], ['"long context"']]);
    expect(parsed('moe OR "sparse experts" AND routing').clauses).toEqual(parsed('moe OR "sparse experts" routing').clauses);
    expect(parsed('"and" AND and').clauses.map((c) => c.anyOf.map(describeTerm))).toEqual([['and'], ['and']]);
    expect(error('rope AND')).toMatch(/`AND` needs a term on both sides/);
    expect(error('AND rope')).toMatch(/`AND` needs a term on both sides/);
    expect(error('rope AND OR moe')).toMatch(/needs a term on both sides/);
    expect(error('rope OR AND moe')).toMatch(/needs a term on both sides/);
  });

  it('refuses NOT with the minus-sign form', () => {
    expect(error('"language models" NOT survey')).toMatch(/`NOT` is written as a minus sign.*-survey/);
  });

  it("reads 'single quotes' as a phrase, keeping apostrophes inside it", () => {
    expect(parsed("'speculative decoding'").clauses).toEqual(parsed('"speculative decoding"').clauses);
    expect(parsed("'what's next' rope").clauses.map((c) => c.anyOf.map(describeTerm))).toEqual([['"what\'s next"'], ['rope']]);
    expect(parsed("what's").clauses).toEqual([{ anyOf: [{ kind: 'text', text: "what's", scope: 'any' }] }]);
  });

  it('groups OR alternatives into one clause, tighter than AND', () => {
    const q = parsed('moe OR "sparse experts" routing');
    expect(q.clauses.map((c) => c.anyOf.map(describeTerm))).toEqual([['moe', '"sparse experts"'], ['routing']]);
  });

  it('reads every qualifier', () => {
    const q = parsed('au:"Tri Dao" cat:cs.cl ti:rope abs:"kv cache"');
    expect(q.clauses.map((c) => c.anyOf[0])).toEqual([
      { kind: 'author', name: 'Tri Dao' },
      { kind: 'category', category: 'cs.CL' },
      { kind: 'text', text: 'rope', scope: 'title' },
      { kind: 'text', text: 'kv cache', scope: 'abstract' },
    ]);
  });

  it('treats qualifiers case-insensitively', () => {
    expect(parsed('AU:Dao').clauses[0]!.anyOf[0]).toEqual({ kind: 'author', name: 'Dao' });
  });

  it('collects exclusions, including qualified ones', () => {
    const q = parsed('"language models" -survey -cat:cs.CV -au:"Jane Doe"');
    expect(q.exclude).toEqual([
      { kind: 'text', text: 'survey', scope: 'any' },
      { kind: 'category', category: 'cs.CV' },
      { kind: 'author', name: 'Jane Doe' },
    ]);
  });

  it('keeps hyphens inside words (only a leading - excludes)', () => {
    expect(parsed('sparse-experts').clauses[0]!.anyOf[0]).toEqual({ kind: 'text', text: 'sparse-experts', scope: 'any' });
  });

  it('reads the +replacements option', () => {
    expect(parsed('cat:quant-ph +replacements').replacements).toBe(true);
  });

  it('treats a quoted "OR" as a word, not an operator', () => {
    expect(parsed('"OR" gates').clauses).toHaveLength(2);
  });

  it('lists the categories a topic needs from the feed, not the excluded ones', () => {
    expect(wantedCategories(parsed('cat:cs.CL OR cat:stat.ML -cat:cs.CV moe'))).toEqual(['cs.CL', 'stat.ML']);
  });

  it.each([
    ['', /can't be empty/],
    ['   ', /can't be empty/],
    ['"mixture of experts', /never closed/],
    ['moe OR', /OR` needs a term on both sides/],
    ['OR moe', /OR` needs a term on both sides/],
    ['moe OR OR experts', /OR` needs a term on both sides/],
    ['foo:bar', /`foo:` is not a qualifier/],
    ['https://arxiv.org', /`https:` is not a qualifier/],
    ['cat:cs.XYZ', /not an arXiv category/],
    ['cat:notanarchive', /not an arXiv category/],
    ['cat:', /needs a value/],
    ['au:""', /Empty quotes/],
    ['-survey', /not only exclusions/],
    ['moe OR -survey', /can't be part of an OR/],
    ['-survey OR moe', /can't be part of an OR/],
    ['moe -', /lone `-`/],
    ['+fresh moe', /`\+fresh` is not an option/],
    ['(moe OR experts)', /Parentheses are not supported/],
    ['!!!', /no letters or digits/],
  ])('rejects %j with a clear error', (text, pattern) => {
    expect(error(text)).toMatch(pattern);
  });

  it(`rejects topics longer than ${MAX_TOPIC_LENGTH} characters and accepts exactly that many`, () => {
    expect(error('a'.repeat(MAX_TOPIC_LENGTH + 1))).toMatch(/201 characters long/);
    expect(parseTopic('a'.repeat(MAX_TOPIC_LENGTH)).ok).toBe(true);
  });
});

describe('normalizeCategory', () => {
  it.each([
    ['cs.CL', 'cs.CL'],
    ['cs.cl', 'cs.CL'],
    ['CS', 'cs'],
    ['hep-th', 'hep-th'],
    ['physics.acc-ph', 'physics.acc-ph'],
    ['q-bio.NC', 'q-bio.NC'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCategory(input)).toBe(expected);
  });

  it.each(['cs.', 'cs.C', 'xx.CL', 'cs CL', 'cs.CL.extra', ''])('rejects %j', (input) => {
    expect(normalizeCategory(input)).toBeNull();
  });
});
