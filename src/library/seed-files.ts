/** Which files of a seeds directory the import reads: the reading lists and the arXiv metadata files. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PaperclubError } from '../errors.ts';
import { METADATA_FILES } from './metadata-files.ts';

/** The reading lists: every file except hidden ones, the metadata files and leftovers of a write (`.tmp`). */
export async function listSeedFiles(seedsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(seedsDir);
  } catch (error) {
    throw new PaperclubError('seed_unreadable', `Cannot read the seeds directory ${seedsDir}`, { seedsDir }, { cause: error });
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.') || METADATA_FILES.includes(name) || name.endsWith('.tmp')) continue;
    const info = await stat(join(seedsDir, name)).catch((error: unknown) => {
      throw new PaperclubError('seed_unreadable', `Cannot read the seed file ${name}`, { seedsDir, file: name }, { cause: error });
    });
    if (info.isFile()) files.push(name);
  }
  return files;
}

/**
 * Every file `loadLibrary` reads from `seedsDir`, by name: the seed lists, then the metadata files
 * present. What a library snapshot is checked against (snapshot.ts).
 */
export async function libraryInputFiles(seedsDir: string): Promise<string[]> {
  const metadata: string[] = [];
  for (const name of METADATA_FILES) {
    if (await stat(join(seedsDir, name)).then((info) => info.isFile(), () => false)) metadata.push(name);
  }
  return [...(await listSeedFiles(seedsDir)), ...metadata];
}
