import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHMARKS } from './index.ts';
import { machineInfo } from './machine.ts';
import { formatTable, mergeReports, type BenchReport, type BenchResult } from './report.ts';
import { writeGrowthDocs } from './growth-docs.ts';
import { round, timeAsync } from './stats.ts';

/**
 * `npm run bench [-- name ...]`: runs the benchmarks in bench/index.ts (or only the named ones),
 * prints a table and writes bench/results/latest.json. Exits 1 if any benchmark failed.
 */

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.json');
const GROWTH_DIR = path.join(BENCH_DIR, '..', 'docs', 'benchmarks');

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 1;
  }
  const selected = only.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => only.includes(b.name));
  const results: BenchResult[] = [];
  for (const bench of selected) {
    const log = (line: string) => console.error(`[${bench.name}] ${line}`);
    log('running');
    try {
      const { ms, value } = await timeAsync(() => bench.run({ log }));
      results.push({ name: bench.name, durationMs: round(ms, 0), figures: value });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`failed: ${message}`);
      results.push({ name: bench.name, durationMs: 0, figures: {}, error: message });
    }
  }
  const current: BenchReport = { machine: machineInfo(), results };
  const report = only.length === 0 ? current : mergeReports(await readPrevious(), current);
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatTable(current));
  console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  for (const file of await writeGrowthDocs(report, GROWTH_DIR)) console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  return results.some((r) => r.error !== undefined) ? 1 : 0;
}

async function readPrevious(): Promise<BenchReport | null> {
  try {
    return JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as BenchReport;
  } catch {
    return null;
  }
}

process.exitCode = await main();
