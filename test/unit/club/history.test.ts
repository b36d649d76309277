import { describe, expect, it } from 'vitest';
import { exportHistory, searchHistory } from '../../../src/club/history.ts';
import { archived } from './fixtures.ts';
import { testLibrary } from './library.ts';

const library = testLibrary();
const archive = [
  archived(1, '1706.03762', 'u-ana', '2025-03-04T17:00:00Z', { presenter: { id: 'u-ana', name: 'Ana Müller' } }),
  archived(2, '2106.09685', 'u-bo', '2025-03-11T17:00:00Z', { presenter: { id: 'u-bo', name: 'Bo Chen' } }),
  archived(3, 'gone-from-library', null, '2025-03-18T17:00:00Z'),
  archived(4, '1706.03762', null, '2025-03-25T17:00:00Z'),
];
const numbers = (sessions: Array<{ number: number }>) => sessions.map((s) => s.number);

describe('searchHistory', () => {
  it('lists every session, most recent first, for an empty query', () => {
    expect(numbers(searchHistory(archive, '  ', library))).toEqual([4, 3, 2, 1]);
  });

  it('finds sessions by title words, a.k.a., authors and presenter', () => {
    expect(numbers(searchHistory(archive, 'attention', library))).toEqual([4, 1]);
    expect(numbers(searchHistory(archive, 'lora', library))).toEqual([2]);
    expect(numbers(searchHistory(archive, 'low rank adaptation', library))).toEqual([2]);
    expect(numbers(searchHistory(archive, 'Vaswani', library))).toEqual([4, 1]);
    expect(numbers(searchHistory(archive, 'ana muller', library))).toEqual([1]);
    expect(numbers(searchHistory(archive, 'Bo', library))).toEqual([2]);
  });

  it('matches word prefixes from three letters, and needs every word', () => {
    expect(numbers(searchHistory(archive, 'adapt', library))).toEqual([2]);
    expect(numbers(searchHistory(archive, 'attention lora', library))).toEqual([]);
    expect(numbers(searchHistory(archive, 'xyz', library))).toEqual([]);
  });

  it('finds a paper by any of its identifiers', () => {
    expect(numbers(searchHistory(archive, 'https://arxiv.org/abs/1706.03762v5', library))).toEqual([4, 1]);
    expect(numbers(searchHistory(archive, '10.48550/arXiv.2106.09685', library))).toEqual([2]);
  });

  it('still finds a paper the library lost, by its id', () => {
    expect(numbers(searchHistory(archive, 'gone-from-library', library))).toEqual([3]);
  });
});

describe('exportHistory', () => {
  it('exports each paper once, in the order the club read them, as BibTeX', () => {
    const out = exportHistory(archive, library, 'bibtex');
    expect(out.papers.map((p) => p.id)).toEqual(['1706.03762', '2106.09685']);
    expect(out.missing).toEqual(['gone-from-library']);
    const keys = [...out.text.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    expect(keys).toEqual(['vaswani2017attention', 'hu2021lora']);
    expect(out.text).toContain('eprint');
  });

  it('exports CSL-JSON that parses', () => {
    const items = JSON.parse(exportHistory(archive, library, 'csl-json').text) as Array<{ title: string }>;
    expect(items.map((i) => i.title)).toEqual(['Attention Is All You Need', 'LoRA: Low-Rank Adaptation of Large Language Models']);
  });

  it('exports nothing for an empty archive', () => {
    expect(exportHistory([], library, 'csl-json')).toEqual({ text: '[]\n', papers: [], missing: [] });
    expect(exportHistory([], library, 'bibtex').text).toBe('');
  });
});
