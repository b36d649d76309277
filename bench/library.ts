import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary, loadLibrary } from '../src/library/library.ts';
import { COMPILED_METADATA_FILE, readCompiledMetadata } from '../src/library/metadata-files.ts';
import { meanReciprocalRank, parseEvalQueries, type EvalQuery } from '../src/search/evaluate.ts';
import { readIndexSnapshot, serializeIndexSnapshot, sha256 } from '../src/search/index-snapshot.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { median, quantile, round, timeAsync, timeSync } from './stats.ts';
import { syntheticLibrary } from './synthetic.ts';
import type { Benchmark } from './types.ts';

/**
 * The library's figures for the README: import time for all seeds, index build time, the time to
 * load a saved index instead (read the file, check its digest, deserialise, restore), search and
 * autocomplete latency at library size and at 10,000 entries, the query set's MRR, and how search
 * grows with the library (the real library, then 1,000, 10,000 and 50,000 entries).
 * Index builds are timed apart from queries; every query set pass is preceded by a warm-up pass.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS_DIR = path.join(ROOT, 'seeds');
const QUERY_SET = path.join(ROOT, 'test', 'search-queries.json');

const IMPORT_RUNS = 15;
const LARGE_SIZE = 10_000;

/**
 * Growth points: library size (the real library, labelled by its size when the curve was set up),
 * then synthetic libraries. Fewer builds and passes as they grow, to keep the run short: at 50,000
 * entries one build (~10 s) and two passes over the query set (438 search and 416 suggest samples).
 */
const GROWTH = [
  { label: 225, size: null, builds: 5, rounds: 20 },
  { label: 1_000, size: 1_000, builds: 3, rounds: 10 },
  { label: LARGE_SIZE, size: LARGE_SIZE, builds: 3, rounds: 5 },
  { label: 50_000, size: 50_000, builds: 1, rounds: 2 },
] as const;

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

    const points: GrowthPoint[] = [];
    for (const point of GROWTH) {
      const entries = point.size === null ? library.entries : syntheticLibrary(library.entries, point.size);
      log(`index and search at ${entries.length} entries: ${point.builds} builds, ${point.rounds} passes`);
      const built = buildIndex(entries, point.builds);
      points.push({
        label: point.label,
        ...built,
        search: sampleLatency((q) => built.index.search(q), texts, point.rounds),
        suggest: sampleLatency((q) => built.index.suggest(q), partials(queries), point.rounds),
      });
    }
    const small = points.find((p) => p.label === 225)!;
    const large = points.find((p) => p.label === LARGE_SIZE)!;

    const quality = meanReciprocalRank(small.index, queries);
    const qualityLarge = meanReciprocalRank(large.index, queries);
    return {
      seed_files: files.length,
      entries: library.size,
      import_load_median_ms: round(median(loadTimes)),
      import_build_median_ms: round(median(buildTimes)),
      import_runs: IMPORT_RUNS,
      index_build_median_ms: round(small.buildMs),
      index_load_median_ms: round(loadIndex(small.index, library.entries, 15)),
      ...latencyFigures('search', small.search),
      index_build_10k_median_ms: round(large.buildMs),
      index_load_10k_median_ms: round(loadIndex(large.index, syntheticLibrary(library.entries, LARGE_SIZE), 5)),
      ...latencyFigures('search_10k', large.search),
      ...latencyFigures('suggest_10k', large.suggest),
      queries: queries.length,
      mrr: round(quality.mrr, 4),
      top1: `${queries.length - quality.misses.length}/${queries.length}`,
      mrr_10k: round(qualityLarge.mrr, 4),
      ...Object.assign({}, ...points.map(growthFigures)),
    };
  },
};

interface GrowthPoint {
  label: number;
  index: SearchIndex;
  buildMs: number;
  search: number[];
  suggest: number[];
}

function growthFigures({ label, buildMs, search, suggest }: GrowthPoint): Record<string, number> {
  return {
    [`search_growth_${label}_p50_ms`]: round(median(search)),
    [`search_growth_${label}_p99_ms`]: round(quantile(search, 0.99)),
    [`suggest_growth_${label}_p99_ms`]: round(quantile(suggest, 0.99)),
    [`index_build_growth_${label}_ms`]: round(buildMs),
  };
}

/**
 * Median time to load `index` as the build saves it (dist/search-index.v8): read, digest check,
 * deserialise and restore, for the same entries it was built from.
 */
function loadIndex(index: SearchIndex, entries: ConstructorParameters<typeof SearchIndex>[0], runs: number): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperclub-bench-index-'));
  try {
    const bytes = serializeIndexSnapshot(index.toSnapshot());
    const saved = { file: path.join(dir, 'search-index.v8'), sha256: sha256(bytes) };
    writeFileSync(saved.file, bytes);
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const loaded = timeSync(() => SearchIndex.fromSnapshot(entries, readIndexSnapshot(saved)));
      // A load that fell back to building would time the build under the load's name.
      if (loaded.value.origin !== 'saved') throw new Error(`the saved index of ${entries.length} entries did not load`);
      times.push(loaded.ms);
    }
    return median(times);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
