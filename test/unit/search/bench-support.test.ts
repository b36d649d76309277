import { describe, expect, it } from 'vitest';
import { formatTable, mergeReports, type BenchReport } from '../../../bench/report.ts';
import { median, quantile } from '../../../bench/stats.ts';
import { prng, syntheticLibrary } from '../../../bench/synthetic.ts';
import { compact } from '../../../src/search/normalize.ts';
import { titleHead } from '../../../src/search/search-index.ts';
import { SAMPLE } from './fixtures.ts';

describe('bench statistics', () => {
  it('uses nearest-rank quantiles', () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i); // 200..1, unsorted on purpose
    expect(median(samples)).toBe(100);
    expect(quantile(samples, 0.99)).toBe(198);
    expect(quantile(samples, 1)).toBe(200);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('syntheticLibrary (the 10,000-entry benchmark library)', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(prng(1)()).toBe(prng(1)());
    const a = syntheticLibrary(SAMPLE, 300, 7);
    expect(syntheticLibrary(SAMPLE, 300, 7)).toEqual(a);
    expect(syntheticLibrary(SAMPLE, 300, 8).map((e) => e.title)).not.toEqual(a.map((e) => e.title));
  });

  it('keeps the real entries first and gives every synthetic entry a fresh, valid arXiv id', () => {
    const lib = syntheticLibrary(SAMPLE, 2000);
    expect(lib).toHaveLength(2000);
    expect(lib.slice(0, SAMPLE.length)).toEqual(SAMPLE);
    expect(new Set(lib.map((e) => e.id)).size).toBe(2000);
    for (const e of lib.slice(SAMPLE.length)) {
      expect(e.id).toMatch(/^(1[5-9]|2[0-4])(0[1-9]|1[0-2])\.\d{5}$/);
      expect(e.authors.length).toBeGreaterThan(0);
      expect(e.title).toContain(': ');
    }
  });

  it('never gives a synthetic entry a real paper\'s exact name', () => {
    const realNames = new Set(SAMPLE.flatMap((e) => [...e.aka, titleHead(e.title) ?? e.title]).map(compact));
    for (const e of syntheticLibrary(SAMPLE, 2000).slice(SAMPLE.length)) {
      expect(realNames.has(compact(titleHead(e.title) ?? ''))).toBe(false);
      for (const aka of e.aka) expect(realNames.has(compact(aka))).toBe(false);
    }
  });
});

describe('bench report', () => {
  const machine = { date: '2025-01-01T00:00:00.000Z', arch: 'x64', platform: 'linux', cpuModel: 'CPU', cores: 2, ramGiB: 4, loadAverage1m: 0.5, node: 'v20' };
  const report = (names: string[], value: number): BenchReport => ({
    machine,
    results: names.map((name) => ({ name, durationMs: 1, figures: { x_ms: value } })),
  });

  it('prints one row per figure and marks failures', () => {
    const table = formatTable({ machine, results: [{ name: 'lib', durationMs: 1, figures: { p50_ms: 0.1 } }, { name: 'bad', durationMs: 0, figures: {}, error: 'boom' }] });
    expect(table).toMatch(/lib\s+p50_ms\s+0\.1/);
    expect(table).toMatch(/bad\s+ERROR\s+boom/);
    expect(table.split('\n')[0]).toContain('CPU (2 cores, x64)');
  });

  it('replaces only the benchmarks that ran', () => {
    const merged = mergeReports(report(['a', 'b'], 1), report(['b'], 2));
    expect(merged.results.map((r) => [r.name, r.figures.x_ms])).toEqual([['a', 1], ['b', 2]]);
    expect(mergeReports(null, report(['b'], 2))).toEqual(report(['b'], 2));
  });
});
