/**
 * `paperclub enrich`: fetches the arXiv API's own record of the library's arXiv papers and writes it to
 * <seedsDir>/arxiv-cache.json, which the library loads at start so the bot works offline. Those records
 * win over the compiled references shipped in seeds/arxiv-metadata.json, entry by entry. Papers the
 * cache already holds (or the API said it does not know) are not asked for again; `force` refetches
 * every arXiv paper.
 */
import { join } from 'node:path';
import type { PaperEntry } from '../library/types.ts';
import type { Logger } from '../log.ts';
import { systemClock, type Clock } from '../ports.ts';
import { MAX_IDS_PER_REQUEST, createArxivApiClient } from './api-client.ts';
import { emptyEnrichmentCache, mergeEnrichmentCache, writeEnrichmentCache } from './cache.ts';
import { ENRICHMENT_CACHE_FILE, readEnrichmentCache, type EnrichmentCache } from '../library/metadata-files.ts';
import { RequestSpacer, type ArxivRequestGate } from './request-spacer.ts';
import type { RetryPolicy } from './retry.ts';

/** The only part of the Library enrichment reads. */
export interface EnrichableLibrary {
  readonly entries: readonly PaperEntry[];
}

export interface EnrichOptions {
  library: EnrichableLibrary;
  seedsDir: string;
  apiUrl: string;
  userAgent: string;
  log: Logger;
  force?: boolean;
  /** Spacing between request starts; arXiv asks for 3000 ms. Tests use less. */
  minIntervalMs?: number;
  /** A gate shared with other processes (the Redis-backed one); default: spacing within this run only. */
  gate?: ArxivRequestGate;
  fetchImpl?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  clock?: Clock;
}

export interface EnrichResult {
  /** Ids sent to the API. */
  requested: number;
  /** Ids the API returned metadata for. */
  fetched: number;
  /** Ids the API did not know, in this run. */
  missing: string[];
  cacheFile: string;
}

/**
 * The ids to ask the API for, in library order, without duplicates: every arXiv paper whose data did
 * not come from the API (compiled references or the lists only), unless the cache already knows it
 * either way (metadata fetched before, or the API said it has no such paper).
 */
export function idsToEnrich(entries: readonly PaperEntry[], cache: EnrichmentCache | null, force: boolean): string[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.arxivId === null) continue;
    if (!force) {
      if (entry.provenance.source === 'arxiv-api') continue;
      if (cache && (entry.arxivId in cache.entries || cache.missing.includes(entry.arxivId))) continue;
    }
    ids.add(entry.arxivId);
  }
  return [...ids];
}

export async function enrichLibrary(options: EnrichOptions): Promise<EnrichResult> {
  const cacheFile = join(options.seedsDir, ENRICHMENT_CACHE_FILE);
  const clock = options.clock ?? systemClock;
  const log = options.log.child({ component: 'enrich' });
  const existing = await readEnrichmentCache(cacheFile);
  const ids = idsToEnrich(options.library.entries, existing, options.force ?? false);
  log.info({ toFetch: ids.length, cached: existing ? Object.keys(existing.entries).length : 0, force: options.force ?? false }, 'enriching arXiv papers');

  if (ids.length === 0) {
    // Still leave a cache file behind so the library finds one at start.
    if (!existing) await writeEnrichmentCache(cacheFile, emptyEnrichmentCache(clock.now()));
    return { requested: 0, fetched: 0, missing: [], cacheFile };
  }

  const client = createArxivApiClient({
    apiUrl: options.apiUrl,
    userAgent: options.userAgent,
    log: options.log,
    spacer: options.gate ?? new RequestSpacer({ minIntervalMs: options.minIntervalMs }),
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    fetchImpl: options.fetchImpl,
  });
  // One API batch at a time, writing the cache after each, so a failure late in a long run keeps
  // what was already fetched.
  let cache = existing ?? emptyEnrichmentCache(clock.now());
  let fetched = 0;
  const missing: string[] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_REQUEST) {
    const result = await client.fetchByIds(ids.slice(i, i + MAX_IDS_PER_REQUEST));
    cache = mergeEnrichmentCache(cache, result, clock.now());
    await writeEnrichmentCache(cacheFile, cache);
    fetched += result.found.length;
    missing.push(...result.missing);
  }
  if (missing.length > 0) log.warn({ missing }, 'arXiv API does not know these ids');
  log.info({ requested: ids.length, fetched, missing: missing.length, cacheFile }, 'arXiv cache written');
  return { requested: ids.length, fetched, missing, cacheFile };
}
