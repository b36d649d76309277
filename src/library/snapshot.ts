/**
 * A library imported ahead of time. `npm run build` imports the shipped seeds once and writes the
 * result next to the compiled code (dist/library-snapshot.json, by bin/library-snapshot.ts). A process
 * whose seeds directory holds exactly the files the snapshot was made from (the same names and the
 * same bytes, checked with a SHA-256 of them) reads the snapshot instead of importing again: about
 * 10 ms instead of 0.1-0.3 s. Any other seeds (edited, enriched, another PAPERCLUB_SEEDS_DIR) are
 * imported as always. The snapshot comes from the same build as the code that reads it, so it always
 * holds what that code's importer would have produced.
 *
 * The build also saves the search index of that library in a file of its own (src/search/
 * index-snapshot.ts), which the snapshot names with its SHA-256: loading it instead of building it is
 * most of what makes a one-shot `paperclub search` quick, and a `cite` never reads it. It is handed on
 * with the library only when the library came from the snapshot, so an index always belongs to the
 * very entries it was made from.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Library } from './catalog.ts';
import { libraryInputFiles } from './seed-files.ts';
import type { ImportReport, PaperEntry } from './types.ts';

/** The file's name in dist/ (scripts/build.mjs writes it under the same name: a test checks). */
export const SNAPSHOT_FILE = 'library-snapshot.json';

/**
 * Where the build puts the snapshot for a compiled entry point: next to it (dist/). Entry points pass
 * their own `import.meta.url`; under tsx that is bin/, where there is none, so tsx always imports.
 */
export function librarySnapshotFile(entryUrl: string): string {
  return fileURLToPath(new URL(`./${SNAPSHOT_FILE}`, entryUrl));
}

/** Bumped when the snapshot's shape changes. */
const FORMAT = 'paperclub-library-snapshot/2';

interface SnapshotFile {
  format: string;
  /** seedsFingerprint() of the seeds it was made from. */
  inputs: string;
  entries: PaperEntry[];
  report: ImportReport;
  /** The search index of those entries, when the build saved one: its file's name (next to this one) and digest. */
  searchIndex?: SavedSearchIndex;
}

/** Where a saved search index is, and the SHA-256 its bytes must have. */
export interface SavedSearchIndex {
  file: string;
  sha256: string;
}

export interface LoadedLibrary {
  library: Library;
  /** The search index saved with the snapshot the library came from, or null when the library was imported from the seeds. */
  searchIndex: SavedSearchIndex | null;
}

/** A SHA-256 of every file the import reads from `seedsDir`: names and contents, in reading order. */
export async function seedsFingerprint(seedsDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of await libraryInputFiles(seedsDir)) {
    const bytes = await readFile(join(seedsDir, name));
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** The snapshot file's text for a library imported from seeds with this fingerprint, and its saved search index (file name in the same directory). */
export function librarySnapshot(library: Library, inputs: string, searchIndex?: SavedSearchIndex): string {
  const file: SnapshotFile = { format: FORMAT, inputs, entries: [...library.entries], report: library.report, ...(searchIndex === undefined ? {} : { searchIndex }) };
  return JSON.stringify(file);
}

/** The library in a snapshot file, or null when the file is absent, unreadable or made from other seeds. */
export async function readLibrarySnapshot(snapshotFile: string, inputs: string): Promise<LoadedLibrary | null> {
  let file: Partial<SnapshotFile>;
  try {
    file = JSON.parse(await readFile(snapshotFile, 'utf8')) as Partial<SnapshotFile>;
  } catch {
    return null;
  }
  if (file.format !== FORMAT || file.inputs !== inputs || !Array.isArray(file.entries) || !file.report) return null;
  const saved = file.searchIndex;
  const searchIndex = typeof saved?.file === 'string' && typeof saved.sha256 === 'string' ? { file: join(dirname(snapshotFile), basename(saved.file)), sha256: saved.sha256 } : null;
  return { library: new Library(file.entries, file.report), searchIndex };
}

/**
 * `loadLibrary`, from the snapshot when it was made from these very seeds. Either way the seeds must
 * be readable: a missing seeds directory is the same error as without a snapshot.
 */
export async function loadLibraryOrSnapshot(options: { seedsDir: string; snapshotFile?: string }): Promise<LoadedLibrary> {
  if (options.snapshotFile) {
    const inputs = await seedsFingerprint(options.seedsDir).catch(() => null);
    const loaded = inputs ? await readLibrarySnapshot(options.snapshotFile, inputs) : null;
    if (loaded) return loaded;
  }
  // The importers (and iconv-lite) load only when there is something to import.
  const { loadLibrary } = await import('./library.ts');
  return { library: await loadLibrary({ seedsDir: options.seedsDir }), searchIndex: null };
}
