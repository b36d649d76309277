/**
 * Reads and writes the enrichment cache (seeds/arxiv-cache.json, format in enrichment-types.ts).
 * Writes are atomic (temp file + rename) so a crash never leaves a half-written cache for the
 * library to trip over at start. The library loads the cache with readEnrichmentCache.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { PaperclubError } from '../errors.ts';
import type { ArxivMetadata, EnrichmentCache } from './enrichment-types.ts';

const metadataSchema = z.object({
  arxivId: z.string().min(1),
  version: z.number().int().positive().nullable(),
  title: z.string(),
  authors: z.array(z.object({ name: z.string(), affiliation: z.string().optional() })),
  abstract: z.string(),
  published: z.string(),
  updated: z.string(),
  categories: z.array(z.string()),
  primaryCategory: z.string().nullable(),
  doi: z.string().nullable(),
  journalRef: z.string().nullable(),
  comment: z.string().nullable(),
});

const cacheSchema = z.object({
  version: z.literal(1),
  updatedAt: z.string(),
  entries: z.record(z.string(), metadataSchema),
  missing: z.array(z.string()),
});

export function emptyEnrichmentCache(at: Date = new Date()): EnrichmentCache {
  return { version: 1, updatedAt: at.toISOString(), entries: {}, missing: [] };
}

/** The cache at `path`; null when the file does not exist. Throws PaperclubError when it is corrupt. */
export async function readEnrichmentCache(path: string): Promise<EnrichmentCache | null> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PaperclubError('seed_unreadable', `Cannot read the arXiv cache ${path}`, { path }, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new PaperclubError('seed_unreadable', `The arXiv cache ${path} is not valid JSON; delete it and run \`enrich\` again`, { path }, { cause: error });
  }
  const parsed = cacheSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new PaperclubError(
      'seed_unreadable',
      `The arXiv cache ${path} does not match the cache format (${problems.join('; ')}); delete it and run \`enrich\` again`,
      { path, problems },
    );
  }
  return parsed.data;
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
