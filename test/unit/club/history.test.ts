import { describe, expect, it } from 'vitest';
import { searchHistory } from '../../../src/club/history.ts';
import { exportHistory } from '../../../src/club/history-export.ts';
import { archived } from './fixtures.ts';
import { testLibrary } from './library.ts';

const library = testLibrary();
const archive = [
  archived(1, '2202.08906', 'u-ana', '2025-03-04T17:00:00Z', { presenter: { id: 'u-ana', name: 'Ana Müller' } }),
  archived(2, '2201.11903', 'u-bo', '2025-03-11T17:00:00Z', { presenter: { id: 'u-bo', name: 'Bo Chen' } }),
  archived(3, 'gone-from-library', null, '2025-03-18T17:00:00Z'),
  archived(4, '2202.08906', null, '2025-03-25T17:00:00Z'),
];
const numbers = (sessions: Array<{ number: number }>) => sessions.map((s) => s.number);

describe('searchHistory', () => {
  it('lists every session, most recent first, for an empty query', async () => {
    expect(numbers(searchHistory(archive, '  ', library))).toEqual([4, 3, 2, 1]);
  });

  it('finds sessions by title words, a.k.a., authors and presenter', async () => {
    expect(numbers(searchHistory(archive, 'stable sparse', library))).toEqual([4, 1]);
    expect(numbers(searchHistory(archive, 'cot', library))).toEqual([2]);
    expect(numbers(searchHistory(archive, 'chain of thought prompting', library))).toEqual([2]);
    expect(numbers(searchHistory(archive, 'Zoph', library))).toEqual([4, 1]);
    expect(numbers(searchHistory(archive, 'ana muller', library))).toEqual([1]);
    expect(numbers(searchHistory(archive, 'Bo', library))).toEqual([2]);
  });

  it('matches word prefixes from three letters, and needs every word', async () => {
    expect(numbers(searchHistory(archive, 'elicit', library))).toEqual([2]);
    expect(numbers(searchHistory(archive, 'stable cot', library))).toEqual([]);
    expect(numbers(searchHistory(archive, 'xyz', library))).toEqual([]);
  });

  it('finds a paper by any of its identifiers', async () => {
    expect(numbers(searchHistory(archive, 'https://arxiv.org/abs/2202.08906v2', library))).toEqual([4, 1]);
    expect(numbers(searchHistory(archive, '10.48550/arXiv.2201.11903', library))).toEqual([2]);
  });

  it('still finds a paper the library lost, by its id', async () => {
    expect(numbers(searchHistory(archive, 'gone-from-library', library))).toEqual([3]);
  });
});

describe('exportHistory', () => {
  it('exports each paper once, in the order the club read them, as BibTeX', async () => {
    const out = await exportHistory(archive, library, 'bibtex');
    expect(out.papers.map((p) => p.id)).toEqual(['2202.08906', '2201.11903']);
    expect(out.missing).toEqual(['gone-from-library']);
    const keys = [...out.text.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    expect(keys).toEqual(['zoph2022stmoe', 'wei2022chainofthought']);
    expect(out.text).toContain('eprint');
  });

  it('exports CSL-JSON that parses', async () => {
    const items = JSON.parse((await exportHistory(archive, library, 'csl-json')).text) as Array<{ title: string }>;
    expect(items.map((i) => i.title)).toEqual(['ST-MoE: Designing Stable and Transferable Sparse Expert Models', 'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models']);
  });

  it('exports nothing for an empty archive', async () => {
    expect(await exportHistory([], library, 'csl-json')).toEqual({ text: '[]\n', papers: [], missing: [] });
    expect((await exportHistory([], library, 'bibtex')).text).toBe('');
  });
});
