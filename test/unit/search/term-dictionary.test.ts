import SearchableMap from 'minisearch/SearchableMap';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../../src/library/library.ts';
import { SearchIndex } from '../../../src/search/search-index.ts';
import { TermDictionary } from '../../../src/search/term-dictionary.ts';
import { prng } from '../../../bench/synthetic.ts';

/**
 * The dictionary answers prefix lookups from two arrays instead of MiniSearch's tree, and must give
 * the tree's answers in the tree's order (scores are summed in that order). Checked against a
 * SearchableMap filled the same way, for every prefix of every term of the real library and of a
 * generated vocabulary with many shared prefixes.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

let libraryTerms: string[];
beforeAll(async () => {
  const library = await loadLibrary({ seedsDir: path.join(ROOT, 'seeds') });
  libraryTerms = new SearchIndex(library.entries).toSnapshot().terms;
});

/** Terms over a small alphabet, so prefixes are shared deeply and radix edges split often. */
function generatedTerms(count: number): string[] {
  const random = prng(11);
  const terms = new Set<string>();
  while (terms.size < count) {
    const length = 1 + Math.floor(random() * 7);
    terms.add(Array.from({ length }, () => 'abcé1'[Math.floor(random() * 5)]).join(''));
  }
  return [...terms];
}

function treeOf(terms: readonly string[]): SearchableMap<number> {
  const tree = new SearchableMap<number>();
  terms.forEach((term, number) => tree.set(term, number));
  return tree;
}

/** Every prefix of every term, and a few that match nothing. */
function prefixesOf(terms: readonly string[]): string[] {
  const prefixes = new Set<string>(['', 'zzzz', '~', 'qx']);
  for (const term of terms) for (let end = 1; end <= term.length; end += 1) prefixes.add(term.slice(0, end));
  return [...prefixes];
}

function expectSameAsTree(terms: readonly string[], dictionary: TermDictionary): void {
  const tree = treeOf(terms);
  for (const prefix of prefixesOf(terms)) {
    const expected = [...tree.atPrefix(prefix).entries()];
    const actual = [...dictionary.completions(prefix)];
    if (actual.length !== expected.length || actual.some(([term, n], i) => term !== expected[i]![0] || n !== expected[i]![1])) {
      expect(actual, `completions of ${JSON.stringify(prefix)}`).toEqual(expected);
    }
  }
}

describe('TermDictionary', () => {
  it('completes every prefix of the library’s terms exactly as MiniSearch’s tree, in its order', () => {
    expect(libraryTerms.length).toBeGreaterThan(1000);
    expectSameAsTree(libraryTerms, TermDictionary.of(libraryTerms));
  });

  it('does the same for a generated vocabulary with deep shared prefixes', () => {
    const terms = generatedTerms(3000);
    expectSameAsTree(terms, TermDictionary.of(terms));
  });

  it('restored from its two orders, answers as the one it was saved from, fuzzy lookups included', () => {
    const terms = generatedTerms(2000);
    const built = TermDictionary.of(terms);
    const restored = TermDictionary.restore(terms, built.sorted.slice(), built.treeOrder.slice());
    expectSameAsTree(terms, restored);
    const tree = treeOf(terms);
    for (const term of ['abca', 'ccc', 'é1é', 'bbbbbbb']) {
      expect([...restored.neighbours(term, 2)]).toEqual([...tree.fuzzyGet(term, 2)]);
    }
    expect(restored.get(terms[17]!)).toBe(17);
    expect(restored.has('not-a-term')).toBe(false);
  });
});
