/**
 * The two metadata files the library reads from the seeds directory, next to the reading lists:
 *
 * - `arxiv-cache.json`, the enrichment cache: records fetched from the arXiv API by `paperclub enrich`
 *   (written by src/arxiv/cache.ts).
 * - `arxiv-metadata.json`, the compiled metadata shipped with the seeds: the same record shape, compiled
 *   from public references (not the arXiv API), with a `provenance` object per entry (see
 *   seeds/SOURCES.md). It is shipped unchanged, so it can be replaced by a newer compilation as a whole.
 *
 * The library owns these formats; src/arxiv writes the enrichment cache with them.
 */
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { PaperclubError } from '../errors.ts';

export const ENRICHMENT_CACHE_FILE = 'arxiv-cache.json';
export const COMPILED_METADATA_FILE = 'arxiv-metadata.json';
/** Files in the seeds directory that are data for the lists, not reading lists themselves. */
export const METADATA_FILES: readonly string[] = [ENRICHMENT_CACHE_FILE, COMPILED_METADATA_FILE];

export interface ArxivMetadata {
  arxivId: string;
  /** Latest version number the API returned (null in the compiled file: unknown). */
  version: number | null;
  title: string;
  authors: Array<{ name: string; affiliation?: string }>;
  abstract: string;
  /** v1 submission date, ISO 8601 (the compiled file may give only `YYYY-MM`: see its provenance). */
  published: string;
  /** This version's date, ISO 8601. */
  updated: string;
  categories: string[];
  primaryCategory: string | null;
  /** A journal DOI from the API (not the arXiv DOI), when there is one. */
  doi: string | null;
  journalRef: string | null;
  comment: string | null;
}

export interface EnrichmentCache {
  version: 1;
  /** When the cache was last written, ISO 8601. */
  updatedAt: string;
  /** Keyed by versionless arXiv id. Ids the API did not know are listed in `missing`. */
  entries: Record<string, ArxivMetadata>;
  missing: string[];
}

/** How a compiled record was put together (seeds/SOURCES.md). */
export interface CompiledProvenance {
  /** high: a complete author list from a source naming the id or exact title, cross-checked; medium: one source or version differences. */
  confidence: 'high' | 'medium';
  /** `source`: a source stated the day; `id`: only the month the id encodes is known (`published` is `YYYY-MM`). */
  dateFrom: 'source' | 'id';
  /** Pages the record was compiled from. */
  sources: string[];
  /** Version differences, renamed titles, seed mistakes found. */
  notes: string;
}

export interface CompiledMetadata {
  version: 1;
  updatedAt: string;
  about?: string;
  entries: Record<string, ArxivMetadata & { provenance: CompiledProvenance }>;
  missing: string[];
}

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

const compiledSchema = z.object({
  version: z.literal(1),
  updatedAt: z.string(),
  about: z.string().optional(),
  entries: z.record(
    z.string(),
    metadataSchema.extend({
      provenance: z.object({
        confidence: z.enum(['high', 'medium']),
        dateFrom: z.enum(['source', 'id']),
        sources: z.array(z.string()),
        notes: z.string(),
      }),
    }),
  ),
  missing: z.array(z.string()),
});

/** Reads and validates one JSON file; null when it does not exist. Throws seed_unreadable otherwise. */
async function readJsonFile<T>(path: string, schema: z.ZodType<T>, what: string, fix: string): Promise<T | null> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PaperclubError('seed_unreadable', `Cannot read the ${what} ${path}`, { path }, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new PaperclubError('seed_unreadable', `The ${what} ${path} is not valid JSON; ${fix}`, { path }, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new PaperclubError('seed_unreadable', `The ${what} ${path} does not match the ${what} format (${problems.join('; ')}); ${fix}`, { path, problems });
  }
  return parsed.data;
}

/** The enrichment cache at `path`; null when the file does not exist. Throws PaperclubError when it is corrupt. */
export function readEnrichmentCache(path: string): Promise<EnrichmentCache | null> {
  return readJsonFile(path, cacheSchema, 'arXiv cache', 'delete it and run `enrich` again');
}

/** The compiled metadata at `path`; null when the file does not exist. Throws PaperclubError when it is corrupt. */
export function readCompiledMetadata(path: string): Promise<CompiledMetadata | null> {
  return readJsonFile(path, compiledSchema, 'compiled arXiv metadata', 'restore it from the repository');
}
