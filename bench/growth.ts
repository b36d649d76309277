import type { BenchReport } from './report.ts';

/**
 * Growth curves: how search and topic matching scale with the library and the topic count. The
 * `library` and `jobs-matching` benchmarks write flat keys (`search_growth_10000_p99_ms`,
 * `match_growth_1000_topics_ms`); this module reads them back into series for the chart and table.
 */

export interface GrowthPoint {
  x: number;
  y: number;
}

export interface GrowthSeries {
  label: string;
  points: GrowthPoint[];
}

export interface GrowthPanel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: GrowthSeries[];
}

const SEARCH_SERIES: ReadonlyArray<{ label: string; key: (n: string) => string }> = [
  { label: 'search p50', key: (n) => `search_growth_${n}_p50_ms` },
  { label: 'search p99', key: (n) => `search_growth_${n}_p99_ms` },
  { label: 'autocomplete p99', key: (n) => `suggest_growth_${n}_p99_ms` },
];

/** Every figure of every benchmark, by key (keys are unique across modules by convention). */
function allFigures(report: BenchReport): Map<string, number> {
  const figures = new Map<string, number>();
  for (const result of report.results) {
    for (const [key, value] of Object.entries(result.figures)) {
      if (typeof value === 'number' && Number.isFinite(value)) figures.set(key, value);
    }
  }
  return figures;
}

/** The sizes a key pattern was measured at, ascending, e.g. 225, 1000, 10000, 50000. */
function sizesOf(figures: Map<string, number>, pattern: RegExp): number[] {
  const sizes = new Set<number>();
  for (const key of figures.keys()) {
    const match = pattern.exec(key);
    if (match?.[1] !== undefined) sizes.add(Number(match[1]));
  }
  return [...sizes].sort((a, b) => a - b);
}

function seriesFor(figures: Map<string, number>, sizes: number[], label: string, key: (n: string) => string): GrowthSeries {
  const points = sizes.flatMap((n) => {
    const y = figures.get(key(String(n)));
    return y === undefined ? [] : [{ x: n, y }];
  });
  return { label, points };
}

/** The panels the report has figures for (none when the growth benchmarks did not run). */
export function growthPanels(report: BenchReport): GrowthPanel[] {
  const figures = allFigures(report);
  const panels: GrowthPanel[] = [];
  const entries = sizesOf(figures, /^search_growth_(\d+)_p50_ms$/);
  if (entries.length > 0) {
    panels.push({
      title: 'Search latency by library size',
      xLabel: 'entries',
      yLabel: 'ms per query',
      series: SEARCH_SERIES.map((s) => seriesFor(figures, entries, s.label, s.key)).filter((s) => s.points.length > 0),
    });
  }
  const topics = sizesOf(figures, /^match_growth_(\d+)_topics_ms$/);
  if (topics.length > 0) {
    panels.push({
      title: 'Matching 2,000 feed items by topic count',
      xLabel: 'topics',
      yLabel: 'ms per poll',
      series: [seriesFor(figures, topics, 'index + match', (n) => `match_growth_${n}_topics_ms`)],
    });
  }
  return panels;
}

function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 1) return value.toFixed(1);
  return value.toFixed(2);
}

/** A markdown table per panel: one row per size, one column per series. */
export function growthTable(panels: GrowthPanel[]): string {
  return panels
    .map((panel) => {
      const sizes = [...new Set(panel.series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
      const header = `| ${panel.xLabel} | ${panel.series.map((s) => `${s.label} (ms)`).join(' | ')} |`;
      const rule = `|${' ---: |'.repeat(panel.series.length + 1)}`;
      const rows = sizes.map((n) => {
        const cells = panel.series.map((s) => {
          const point = s.points.find((p) => p.x === n);
          return point === undefined ? '–' : formatNumber(point.y);
        });
        return `| ${n.toLocaleString('en-US')} | ${cells.join(' | ')} |`;
      });
      return [`**${panel.title}**`, '', header, rule, ...rows].join('\n');
    })
    .join('\n\n');
}
