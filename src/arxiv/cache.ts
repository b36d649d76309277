/**
 * Writes and merges the enrichment cache (seeds/arxiv-cache.json). The format and its reader belong to
 * the library (src/library/metadata-files.ts), which loads the cache at start; this module is the
 * writer `paperclub enrich` uses. Writes are atomic (temp file + rename) so a crash never leaves a
 * half-written cache for the library to trip over at start.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { PaperclubError } from '../errors.ts';
import type { ArxivMetadata, EnrichmentCache } from '../library/metadata-files.ts';

export function emptyEnrichmentCache(at: Date = new Date()): EnrichmentCache {
  return { version: 1, updatedAt: at.toISOString(), entries: {}, missing: [] };
}

/** Writes the cache atomically, entries sorted by id so the committed file diffs cleanly. */
export async function writeEnrichmentCache(path: string, cache: EnrichmentCache): Promise<void> {
  const sorted: EnrichmentCache = {
    version: 1,
    updatedAt: cache.updatedAt,
    entries: Object.fromEntries(Object.keys(cache.entries).sort().map((id) => [id, cache.entries[id]!])),
    missing: [...new Set(cache.missing)].sort(),
  };
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(sorted, null, 2)}\n`, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new PaperclubError('seed_unreadable', `Cannot write the arXiv cache ${path}`, { path }, { cause: error });
  }
}

/**
 * Adds fresh API results to a cache. A paper that is found again leaves `missing`; ids the API
 * did not know join it (unless the cache already has metadata for them).
 */
export function mergeEnrichmentCache(
  base: EnrichmentCache,
  update: { found: readonly ArxivMetadata[]; missing: readonly string[] },
  at: Date,
): EnrichmentCache {
  const entries: Record<string, ArxivMetadata> = { ...base.entries };
  for (const metadata of update.found) entries[metadata.arxivId] = metadata;
  const missing = new Set(base.missing);
  for (const id of update.missing) if (!(id in entries)) missing.add(id);
  for (const id of Object.keys(entries)) missing.delete(id);
  return { version: 1, updatedAt: at.toISOString(), entries, missing: [...missing].sort() };
}
