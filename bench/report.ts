import type { MachineInfo } from './machine.ts';
import type { BenchFigures } from './types.ts';

export interface BenchResult {
  name: string;
  durationMs: number;
  figures: BenchFigures;
  /** Set when the module threw; its figures are then empty. */
  error?: string;
}

export interface BenchReport {
  machine: MachineInfo;
  results: BenchResult[];
}

/** A plain-text table: one row per figure, grouped by benchmark. */
export function formatTable(report: BenchReport): string {
  const rows: Array<[string, string, string]> = [];
  for (const r of report.results) {
    if (r.error !== undefined) rows.push([r.name, 'ERROR', r.error]);
    for (const [key, value] of Object.entries(r.figures)) rows.push([r.name, key, String(value)]);
  }
  const header: [string, string, string] = ['benchmark', 'figure', 'value'];
  const widths = [0, 1, 2].map((i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: [string, string, string]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const m = report.machine;
  return [
    `${m.cpuModel} (${m.cores} cores, ${m.arch}), ${m.ramGiB} GiB RAM, load ${m.loadAverage1m}, node ${m.node}, ${m.date}`,
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/**
 * Replaces the results of the benchmarks that ran and keeps the others, so running one module
 * (`npm run bench -- library`) does not erase everyone else's figures.
 */
export function mergeReports(previous: BenchReport | null, current: BenchReport): BenchReport {
  if (previous === null) return current;
  const ran = new Set(current.results.map((r) => r.name));
  return { machine: current.machine, results: [...previous.results.filter((r) => !ran.has(r.name)), ...current.results] };
}
