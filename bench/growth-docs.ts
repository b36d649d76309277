import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchReport } from './report.ts';
import { growthPanels, growthTable } from './growth.ts';
import { renderGrowthChart } from './growth-chart.ts';

/** The machine line quoted under the chart and the table, so figures never travel without it. */
export function machineCaption(report: BenchReport): string {
  const m = report.machine;
  return `${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB, node ${m.node}, load ${m.loadAverage1m} at start, ${m.date.slice(0, 10)}`;
}

/**
 * Writes docs/benchmarks/growth.svg and growth.md from the report's growth figures. Returns the
 * files written (none when the run had no growth figures, so a partial run leaves them alone).
 */
export async function writeGrowthDocs(report: BenchReport, directory: string): Promise<string[]> {
  const panels = growthPanels(report);
  if (panels.length === 0) return [];
  await mkdir(directory, { recursive: true });
  const caption = machineCaption(report);
  const svgFile = path.join(directory, 'growth.svg');
  const tableFile = path.join(directory, 'growth.md');
  await writeFile(svgFile, renderGrowthChart(panels, caption));
  const markdown = [
    '# Growth curves',
    '',
    'Written by `npm run bench` (bench/growth-docs.ts); do not edit by hand. What the figures mean:',
    '[docs/performance.md](../performance.md).',
    '',
    `Machine: ${caption}.`,
    '',
    '![Search and matching growth curves](growth.svg)',
    '',
    growthTable(panels),
    '',
  ].join('\n');
  await writeFile(tableFile, markdown);
  return [svgFile, tableFile];
}
