import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { growthPanels, growthTable } from '../../../bench/growth.ts';
import { renderGrowthChart } from '../../../bench/growth-chart.ts';
import { writeGrowthDocs } from '../../../bench/growth-docs.ts';
import type { BenchReport } from '../../../bench/report.ts';

const machine = {
  date: '2026-11-30T12:00:00.000Z',
  arch: 'x64',
  platform: 'linux',
  cpuModel: 'Test <CPU> & co',
  cores: 2,
  ramGiB: 8,
  loadAverage1m: 0.5,
  node: 'v20.20.2',
};

function report(figures: Record<string, number | string>, matching: Record<string, number> = {}): BenchReport {
  return {
    machine,
    results: [
      { name: 'library', durationMs: 1, figures },
      { name: 'jobs-matching', durationMs: 1, figures: matching },
    ],
  };
}

const searchFigures = {
  search_growth_225_p50_ms: 0.05,
  search_growth_225_p99_ms: 0.4,
  suggest_growth_225_p99_ms: 0.3,
  search_growth_10000_p50_ms: 0.2,
  search_growth_10000_p99_ms: 4.1,
  suggest_growth_10000_p99_ms: 2.5,
  search_growth_1000_p50_ms: 0.08,
  search_growth_1000_p99_ms: 1.2,
  suggest_growth_1000_p99_ms: 0.9,
  search_10k_p50_ms: 99, // not a growth key: must not become a point
};

describe('growth curves', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('reads growth keys into series ordered by size, ignoring other figures', () => {
    const panels = growthPanels(report(searchFigures, { match_growth_100_topics_ms: 3, match_growth_10000_topics_ms: 120, match_total_ms: 50 }));
    expect(panels.map((p) => p.title)).toEqual(['Search latency by library size', 'Matching 2,000 feed items by topic count']);
    const p99 = panels[0]!.series.find((s) => s.label === 'search p99')!;
    expect(p99.points).toEqual([
      { x: 225, y: 0.4 },
      { x: 1000, y: 1.2 },
      { x: 10000, y: 4.1 },
    ]);
    expect(panels[1]!.series[0]!.points).toEqual([
      { x: 100, y: 3 },
      { x: 10000, y: 120 },
    ]);
  });

  it('has no panels when no growth benchmark ran', () => {
    expect(growthPanels(report({ search_10k_p50_ms: 1 }))).toEqual([]);
  });

  it('tables every size with a dash where a series lacks it', () => {
    const { suggest_growth_1000_p99_ms: _dropped, ...partial } = searchFigures;
    const table = growthTable(growthPanels(report(partial)));
    expect(table).toContain('| entries | search p50 (ms) | search p99 (ms) | autocomplete p99 (ms) |');
    expect(table).toContain('| 1,000 | 0.08 | 1.2 | – |');
    expect(table).toContain('| 10,000 | 0.20 | 4.1 | 2.5 |');
  });

  it('draws one polyline per series inside the plot, with escaped text', () => {
    const svg = renderGrowthChart(growthPanels(report(searchFigures)), 'Test <CPU> & co');
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).toContain('Test &#60;CPU&#62; &#38; co');
    expect(svg).not.toContain('<CPU>');
    // Larger sizes sit further right: x grows along each polyline.
    const first = /<polyline points="([^"]+)"/.exec(svg)![1]!.split(' ').map((c) => Number(c.split(',')[0]));
    expect(first).toEqual([...first].sort((a, b) => a - b));
    expect(new Set(first).size).toBe(3);
  });

  it('writes the chart and the table with the machine line, and nothing without growth figures', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paperclub-growth-'));
    dirs.push(dir);
    expect(await writeGrowthDocs(report({}), dir)).toEqual([]);
    const written = await writeGrowthDocs(report(searchFigures), dir);
    expect(written.map((f) => path.basename(f))).toEqual(['growth.svg', 'growth.md']);
    const markdown = await readFile(path.join(dir, 'growth.md'), 'utf8');
    expect(markdown).toContain('Machine: Test <CPU> & co, 2 cores, 8 GiB, node v20.20.2, load 0.5 at start, 2026-11-30.');
    expect(markdown).toContain('![Search and matching growth curves](growth.svg)');
    expect(await readFile(path.join(dir, 'growth.svg'), 'utf8')).toMatch(/^<svg /);
  });
});
