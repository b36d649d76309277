import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary, loadLibrary } from '../src/library/library.ts';
import { COMPILED_METADATA_FILE, readCompiledMetadata } from '../src/library/metadata-files.ts';
import { meanReciprocalRank, parseEvalQueries, type EvalQuery } from '../src/search/evaluate.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { median, quantile, round, timeAsync, timeSync } from './stats.ts';
import { syntheticLibrary } from './synthetic.ts';
import type { Benchmark } from './types.ts';

/**
 * The library's figures for the README: import time for all seeds, index build time, search and
 * autocomplete latency at library size and at 10,000 entries, and the query set's MRR.
 * Index builds are timed apart from queries; every query set pass is preceded by a warm-up pass.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS_DIR = path.join(ROOT, 'seeds');
const QUERY_SET = path.join(ROOT, 'test', 'search-queries.json');

const IMPORT_RUNS = 15;
const BUILD_RUNS = { small: 5, large: 3 } as const;
const LARGE_SIZE = 10_000;
const SEARCH_ROUNDS = { small: 20, large: 5 } as const;

/** Every seed list, as buildLibrary takes them (with the shipped metadata, read once below). */
async function readSeeds(): Promise<Array<{ file: string; text: string }>> {
  const names = (await readdir(SEEDS_DIR)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map(async (file) => ({ file, text: await readFile(path.join(SEEDS_DIR, file), 'utf8') })));
}

/** Latency samples (ms) of `rounds` passes over the queries, after one untimed warm-up pass. */
function sampleLatency(run: (q: string) => unknown, queries: readonly string[], rounds: number): number[] {
  for (const q of queries) run(q);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const q of queries) samples.push(timeSync(() => run(q)).ms);
  }
  return samples;
}

/** What someone has typed a few keystrokes into an autocomplete box. */
const partials = (queries: readonly EvalQuery[]): string[] =>
  queries.filter((q) => q.kind !== 'id').map((q) => q.query.slice(0, 3 + (q.query.length % 4)));

function latencyFigures(prefix: string, samples: readonly number[]): Record<string, number> {
  return {
    [`${prefix}_p50_ms`]: round(median(samples)),
    [`${prefix}_p99_ms`]: round(quantile(samples, 0.99)),
    [`${prefix}_samples`]: samples.length,
  };
}

export const libraryBenchmark: Benchmark = {
  name: 'library',
  async run({ log }) {
    const files = await readSeeds();
    const compiled = await readCompiledMetadata(path.join(SEEDS_DIR, COMPILED_METADATA_FILE));
    const queries = parseEvalQueries(JSON.parse(await readFile(QUERY_SET, 'utf8')));
    const texts = queries.map((q) => q.query);

    log(`import: ${IMPORT_RUNS} runs of loadLibrary and buildLibrary`);
    const loadTimes: number[] = [];
    for (let i = 0; i < IMPORT_RUNS; i += 1) loadTimes.push((await timeAsync(() => loadLibrary({ seedsDir: SEEDS_DIR }))).ms);
    const buildTimes: number[] = [];
    for (let i = 0; i < IMPORT_RUNS; i += 1) buildTimes.push(timeSync(() => buildLibrary(files, { compiled })).ms);
    const library = await loadLibrary({ seedsDir: SEEDS_DIR });

    log(`index: ${library.size} entries and ${LARGE_SIZE} entries`);
    const small = buildIndex(library.entries, BUILD_RUNS.small);
    const largeEntries = syntheticLibrary(library.entries, LARGE_SIZE);
    const large = buildIndex(largeEntries, BUILD_RUNS.large);

    log('search latency');
    const smallSearch = sampleLatency((q) => small.index.search(q), texts, SEARCH_ROUNDS.small);
    const largeSearch = sampleLatency((q) => large.index.search(q), texts, SEARCH_ROUNDS.large);
    const largeSuggest = sampleLatency((q) => large.index.suggest(q), partials(queries), SEARCH_ROUNDS.large);

    const quality = meanReciprocalRank(small.index, queries);
    const qualityLarge = meanReciprocalRank(large.index, queries);
    return {
      seed_files: files.length,
      entries: library.size,
      import_load_median_ms: round(median(loadTimes)),
      import_build_median_ms: round(median(buildTimes)),
      import_runs: IMPORT_RUNS,
      index_build_median_ms: round(small.buildMs),
      ...latencyFigures('search', smallSearch),
      index_build_10k_median_ms: round(large.buildMs),
      ...latencyFigures('search_10k', largeSearch),
      ...latencyFigures('suggest_10k', largeSuggest),
      queries: queries.length,
      mrr: round(quality.mrr, 4),
      top1: `${queries.length - quality.misses.length}/${queries.length}`,
      mrr_10k: round(qualityLarge.mrr, 4),
    };
  },
};

/** Median build time over `runs` builds, and the last index built. */
function buildIndex(entries: ConstructorParameters<typeof SearchIndex>[0], runs: number): { index: SearchIndex; buildMs: number } {
  const times: number[] = [];
  let index: SearchIndex | null = null;
  for (let i = 0; i < runs; i += 1) {
    const t = timeSync(() => new SearchIndex(entries));
    times.push(t.ms);
    index = t.value;
  }
  return { index: index!, buildMs: median(times) };
}
