/**
 * The library: every seed list imported, repaired, merged and indexed by id. `buildLibrary` is pure
 * (tests, bench); `loadLibrary` reads a seeds directory and its enrichment cache.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readEnrichmentCache } from './enrichment-cache.ts';
import { ENRICHMENT_CACHE_FILE } from './enrichment-types.ts';
import type { EnrichmentCache } from './enrichment-types.ts';
import { PaperclubError } from '../errors.ts';
import { arxivIdOf } from './arxiv-id.ts';
import { cacheTitles, fillFromCache } from './cache-fill.ts';
import { arxivIdMonth, yearOf } from './dates.ts';
import { detectFormat } from './detect.ts';
import { assignIds } from './ids.ts';
import { IMPORTERS } from './importers/index.ts';
import { doiOf } from './links.ts';
import { applyMentions } from './mentions.ts';
import { mergeRecords } from './merge.ts';
import type { BareMention, RawRecord } from './raw.ts';
import { compareSources } from './sources.ts';
import type { ImportReport, PaperEntry } from './types.ts';

type FileReport = ImportReport['files'][number];

export class Library {
  readonly entries: readonly PaperEntry[];
  readonly report: ImportReport;
  private readonly byId = new Map<string, PaperEntry>();
  private readonly byArxiv = new Map<string, PaperEntry>();
  private readonly byDoiKey = new Map<string, PaperEntry>();

  constructor(entries: PaperEntry[], report: ImportReport) {
    this.entries = entries;
    this.report = report;
    for (const entry of entries) {
      this.byId.set(entry.id.toLowerCase(), entry);
      if (entry.arxivId) this.byArxiv.set(entry.arxivId.toLowerCase(), entry);
      if (entry.doi) this.byDoiKey.set(entry.doi.toLowerCase(), entry);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** By library id, case-insensitive. */
  get(id: string): PaperEntry | undefined {
    return this.byId.get(id.trim().toLowerCase());
  }

  /** By versionless arXiv id (a versioned id or URL is reduced first). */
  byArxivId(arxivId: string): PaperEntry | undefined {
    const id = arxivIdOf(arxivId) ?? arxivId.trim();
    return this.byArxiv.get(id.toLowerCase());
  }

  /** By DOI, case-insensitive; a doi.org URL or `doi:` prefix is accepted. */
  byDoi(doi: string): PaperEntry | undefined {
    const key = doiOf(doi) ?? doi.trim();
    return this.byDoiKey.get(key.toLowerCase());
  }

  /** Exact lookup by any id form: library id, arXiv id in any form (parseArxivId), DOI, DOI URL. */
  lookup(idLike: string): PaperEntry | undefined {
    const text = idLike.trim();
    if (text === '') return undefined;
    const byId = this.get(text);
    if (byId) return byId;
    const arxiv = arxivIdOf(text);
    if (arxiv) return this.byArxiv.get(arxiv.toLowerCase());
    return this.byDoi(text);
  }

  /** The club's numbered list, in order (entries with readingOrder), as library ids. */
  readingOrder(): string[] {
    return this.entries
      .filter((e) => e.readingOrder !== null)
      .sort((a, b) => a.readingOrder! - b.readingOrder!)
      .map((e) => e.id);
  }
}

function importFiles(files: ReadonlyArray<{ file: string; text: string }>): { records: RawRecord[]; mentions: BareMention[]; report: Pick<ImportReport, 'files' | 'repairs'> } {
  const records: RawRecord[] = [];
  const mentions: BareMention[] = [];
  const report: Pick<ImportReport, 'files' | 'repairs'> = { files: [], repairs: [] };
  for (const { file, text } of files) {
    const format = detectFormat(text);
    if (!format) {
      report.files.push({ file, format: null, entries: 0, error: 'unrecognised format: no known reading-list layout matches this file' });
      continue;
    }
    const result = IMPORTERS[format](file, text);
    records.push(...result.records);
    mentions.push(...result.mentions);
    report.repairs.push(...result.repairs);
    const row: FileReport = { file, format, entries: result.records.length };
    if (result.records.length === 0 && result.mentions.length === 0) row.error = `recognised as ${format} but no entries could be read`;
    report.files.push(row);
  }
  return { records, mentions, report };
}

function assemble(files: ReadonlyArray<{ file: string; text: string }>, cache: EnrichmentCache | null, extraFiles: FileReport[]): Library {
  const imported = importFiles(files);
  const titles = cacheTitles(cache);
  const merged = mergeRecords(imported.records, titles);
  const mentioned = applyMentions(merged.entries, imported.mentions);
  if (cache) fillFromCache(merged.entries, cache, merged.weakTitles);
  // Last resort for the year: an arXiv id says when the paper was first submitted. Lists and the cache
  // (exact dates) win; this only fills entries neither dated, so citations don't say "n.d.".
  for (const entry of merged.entries) {
    if (entry.date === null && entry.arxivId) {
      entry.date = arxivIdMonth(entry.arxivId);
      entry.year = yearOf(entry.date);
    }
  }
  assignIds(merged.entries);
  const events = [...merged.events, ...mentioned.events].sort(
    (a, b) => merged.entries.indexOf(a.entry) - merged.entries.indexOf(b.entry) || compareSources(a.from, b.from),
  );
  const report: ImportReport = {
    files: [...imported.report.files, ...extraFiles],
    merges: events.map((e) => ({ id: e.entry.id, title: e.entry.title, from: e.from, key: e.key })),
    conflicts: merged.conflicts,
    repairs: imported.report.repairs,
    missing: merged.entries
      .map((e) => ({ id: e.id, title: e.title, fields: [...(e.authors.length === 0 ? ['authors' as const] : []), ...(e.year === null ? ['year' as const] : [])] }))
      .filter((m) => m.fields.length > 0),
    topics: mentioned.topics,
  };
  return new Library(merged.entries, report);
}

/** Pure: imports the given files (names relative to the seeds dir) with an optional enrichment cache. */
export function buildLibrary(files: Array<{ file: string; text: string }>, cache?: EnrichmentCache | null): Library {
  return assemble(files, cache ?? null, []);
}

async function listSeedFiles(seedsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(seedsDir);
  } catch (error) {
    throw new PaperclubError('seed_unreadable', `Cannot read the seeds directory ${seedsDir}`, { seedsDir }, { cause: error });
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.') || name === ENRICHMENT_CACHE_FILE || name.endsWith('.tmp')) continue;
    const info = await stat(join(seedsDir, name)).catch((error: unknown) => {
      throw new PaperclubError('seed_unreadable', `Cannot read the seed file ${name}`, { seedsDir, file: name }, { cause: error });
    });
    if (info.isFile()) files.push(name);
  }
  return files;
}

/**
 * Imports every file in `seedsDir` (except hidden files and the enrichment cache) and fills gaps from
 * `arxiv-cache.json` when present. An absent cache is fine; a corrupt one is reported and ignored.
 */
export async function loadLibrary(options: { seedsDir: string }): Promise<Library> {
  const { seedsDir } = options;
  const files: Array<{ file: string; text: string }> = [];
  for (const file of await listSeedFiles(seedsDir)) {
    try {
      files.push({ file, text: await readFile(join(seedsDir, file), 'utf8') });
    } catch (error) {
      throw new PaperclubError('seed_unreadable', `Cannot read the seed file ${file}`, { seedsDir, file }, { cause: error });
    }
  }
  const extra: FileReport[] = [];
  let cache: EnrichmentCache | null = null;
  try {
    cache = await readEnrichmentCache(join(seedsDir, ENRICHMENT_CACHE_FILE));
  } catch (error) {
    extra.push({ file: ENRICHMENT_CACHE_FILE, format: null, entries: 0, error: `ignored: ${(error as Error).message}` });
  }
  return assemble(files, cache, extra);
}
