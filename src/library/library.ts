/**
 * The library: every seed list imported, repaired and merged into a `Library` (catalog.ts indexes it by
 * id). `buildLibrary` is pure (tests, bench); `loadLibrary` reads a seeds directory with its arXiv
 * metadata files (seed-files.ts says which); a build's snapshot skips all of it (snapshot.ts).
 *
 * The pipeline runs one way: detect → importers → seed repairs against the arXiv metadata (relink.ts)
 * → dates checked against ids → merge (nicknames, id conflicts) → bare outline names → arXiv metadata
 * (apply-metadata.ts) → dates from ids → tag spellings → ids.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PaperclubError } from '../errors.ts';
import { applyMetadata } from './apply-metadata.ts';
import { detectFormat } from './detect.ts';
import { dateFromIds, dropContradictingDates } from './id-dates.ts';
import { assignIds } from './ids.ts';
import { IMPORTERS } from './importers/index.ts';
import { nameLists } from './list-names.ts';
import { applyMentions } from './mentions.ts';
import { mergeRecords } from './merge.ts';
import { MetadataIndex } from './metadata.ts';
import {
  COMPILED_METADATA_FILE,
  ENRICHMENT_CACHE_FILE,
  readCompiledMetadata,
  readEnrichmentCache,
  type CompiledMetadata,
  type EnrichmentCache,
} from './metadata-files.ts';
import type { BareMention, RawRecord } from './raw.ts';
import { relinkByTitle } from './relink.ts';
import { compareSources } from './sources.ts';
import { unifyTagSpellings } from './tags.ts';
import type { ImportReport, PaperEntry, SeedFormat } from './types.ts';
import { Library } from './catalog.ts';
import { listSeedFiles } from './seed-files.ts';

// The class lives in catalog.ts (the snapshot restores it without the importers); named here too,
// where the code that builds libraries has always found it.
export { Library };

/** The arXiv metadata the library may use: the enrichment cache (arXiv API) and the compiled references. */
export interface LibraryMetadata {
  api?: EnrichmentCache | null;
  compiled?: CompiledMetadata | null;
}

type FileReport = ImportReport['files'][number];

interface Imported {
  records: RawRecord[];
  mentions: BareMention[];
  listNames: Map<string, string>;
  report: Pick<ImportReport, 'files' | 'repairs'>;
}

function importFiles(files: ReadonlyArray<{ file: string; text: string }>): Imported {
  const records: RawRecord[] = [];
  const mentions: BareMention[] = [];
  const recognised: Array<{ file: string; text: string; format: SeedFormat }> = [];
  const report: Pick<ImportReport, 'files' | 'repairs'> = { files: [], repairs: [] };
  for (const { file, text } of files) {
    const format = detectFormat(text);
    if (!format) {
      report.files.push({ file, format: null, entries: 0, error: 'unrecognised format: no known reading-list layout matches this file' });
      continue;
    }
    const result = IMPORTERS[format](file, text);
    recognised.push({ file, text, format });
    records.push(...result.records);
    mentions.push(...result.mentions);
    report.repairs.push(...result.repairs);
    const row: FileReport = { file, format, entries: result.records.length };
    if (result.records.length === 0 && result.mentions.length === 0) row.error = `recognised as ${format} but no entries could be read`;
    report.files.push(row);
  }
  return { records, mentions, listNames: nameLists(recognised), report };
}

function missingFields(entry: PaperEntry): ImportReport['missing'][number]['fields'] {
  const fields: ImportReport['missing'][number]['fields'] = [];
  if (entry.authors.length === 0) fields.push('authors');
  else if (entry.authorsTruncated) fields.push('all-authors');
  if (entry.year === null) fields.push('year');
  return fields;
}

function assemble(files: ReadonlyArray<{ file: string; text: string }>, metadata: MetadataIndex, extraFiles: FileReport[]): Library {
  const imported = importFiles(files);
  const relinked = relinkByTitle(imported.records, metadata);
  const records = [...imported.records, ...relinked.detached];
  const listedDates = dropContradictingDates(records, metadata);
  const merged = mergeRecords(records, metadata.titles(), imported.listNames);
  const mentioned = applyMentions(merged.entries, imported.mentions, imported.listNames);
  const applied = applyMetadata(merged.entries, merged.members, metadata);
  dateFromIds(merged.entries);
  unifyTagSpellings(merged.entries);
  assignIds(merged.entries);
  const events = [...merged.events, ...mentioned.events].sort(
    (a, b) => merged.entries.indexOf(a.entry) - merged.entries.indexOf(b.entry) || compareSources(a.from, b.from),
  );
  const report: ImportReport = {
    files: [...imported.report.files, ...extraFiles],
    merges: events.map((e) => ({ id: e.entry.id, title: e.entry.title, from: e.from, key: e.key })),
    conflicts: merged.conflicts,
    repairs: imported.report.repairs,
    missing: merged.entries.map((e) => ({ id: e.id, title: e.title, fields: missingFields(e) })).filter((m) => m.fields.length > 0),
    fixes: [...relinked.fixes, ...merged.fixes, ...applied.fixes].sort((a, b) => compareSources(a.source, b.source)),
    titles: applied.titles,
    dates: [...listedDates, ...applied.dates],
    topics: mentioned.topics,
  };
  return new Library(merged.entries, report);
}

/** Pure: imports the given files (names relative to the seeds dir) with the arXiv metadata given, if any. */
export function buildLibrary(files: Array<{ file: string; text: string }>, metadata: LibraryMetadata = {}): Library {
  return assemble(files, new MetadataIndex(metadata.api ?? null, metadata.compiled ?? null), []);
}

/** Reads one metadata file; a corrupt one is reported in the file list and ignored, an absent one is fine. */
async function readMetadataFile<T>(read: (path: string) => Promise<T | null>, seedsDir: string, file: string, report: FileReport[]): Promise<T | null> {
  try {
    return await read(join(seedsDir, file));
  } catch (error) {
    report.push({ file, format: null, entries: 0, error: `ignored: ${(error as Error).message}` });
    return null;
  }
}

/**
 * Imports every file in `seedsDir` (except hidden files and the metadata files) with the arXiv metadata
 * beside them: `arxiv-cache.json` (arXiv API, from `paperclub enrich`) and `arxiv-metadata.json`
 * (compiled references, shipped). An absent file is fine; a corrupt one is reported and ignored.
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
  const api = await readMetadataFile(readEnrichmentCache, seedsDir, ENRICHMENT_CACHE_FILE, extra);
  const compiled = await readMetadataFile(readCompiledMetadata, seedsDir, COMPILED_METADATA_FILE, extra);
  return assemble(files, new MetadataIndex(api, compiled), extra);
}
