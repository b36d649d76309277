/**
 * One benchmark module. `run` returns its figures as a flat record (units in the key names:
 * `search_p50_ms`, `import_median_ms`), which the runner prints as a table and writes to JSON.
 */
export interface BenchContext {
  /** Progress lines for the person watching; not part of the results. */
  log: (line: string) => void;
}

export type BenchFigures = Record<string, number | string>;

export interface Benchmark {
  name: string;
  run(ctx: BenchContext): Promise<BenchFigures>;
}
