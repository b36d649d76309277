import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_SNAPSHOT } from '../../../scripts/build.mjs';
import { loadLibrary, type Library } from '../../../src/library/library.ts';
import { librarySnapshot, loadLibraryOrSnapshot, readLibrarySnapshot, seedsFingerprint, SNAPSHOT_FILE } from '../../../src/library/snapshot.ts';
import { CHICAGO, OUTLINE, SEEDS_DIR } from './seeds.ts';

const work = mkdtempSync(join(tmpdir(), 'paperclub-snapshot-'));
const snapshotFile = join(work, SNAPSHOT_FILE);
let imported: Library;

beforeAll(async () => {
  imported = await loadLibrary({ seedsDir: SEEDS_DIR });
  writeFileSync(snapshotFile, librarySnapshot(imported, await seedsFingerprint(SEEDS_DIR)));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the shipped seeds that a test may change. */
function seedsCopy(name: string): string {
  const dir = join(work, name);
  cpSync(SEEDS_DIR, dir, { recursive: true });
  return dir;
}

describe('the library snapshot', () => {
  it('gives back the very library the import built, lookups and reading order included', async () => {
    const { library: restored } = await loadLibraryOrSnapshot({ seedsDir: SEEDS_DIR, snapshotFile });
    expect(restored).not.toBe(imported);
    expect(JSON.stringify(restored.entries)).toBe(JSON.stringify(imported.entries));
    expect(restored.report).toEqual(imported.report);
    expect(restored.readingOrder()).toEqual(imported.readingOrder());
    expect(restored.lookup('2106.09685')?.title).toBe(imported.lookup('2106.09685')?.title);
  });

  it('is used for any seeds directory with the same files, and for no other', async () => {
    const same = seedsCopy('same');
    expect(await seedsFingerprint(same)).toBe(await seedsFingerprint(SEEDS_DIR));
    expect(await readLibrarySnapshot(snapshotFile, await seedsFingerprint(same))).not.toBeNull();

    const edited = seedsCopy('edited');
    rmSync(join(edited, OUTLINE));
    appendFileSync(join(edited, CHICAGO), '\n');
    expect(await seedsFingerprint(edited)).not.toBe(await seedsFingerprint(SEEDS_DIR));
    const { library, searchIndex } = await loadLibraryOrSnapshot({ seedsDir: edited, snapshotFile });
    // An imported library comes without a saved index: the snapshot's belongs to other entries.
    expect(searchIndex).toBeNull();
    const fresh = await loadLibrary({ seedsDir: edited });
    expect(JSON.stringify(library.entries)).toBe(JSON.stringify(fresh.entries));
    expect(library.report.files.map((f) => f.file)).not.toContain(OUTLINE);

    const enriched = seedsCopy('enriched');
    writeFileSync(join(enriched, 'arxiv-cache.json'), '{}');
    expect(await seedsFingerprint(enriched)).not.toBe(await seedsFingerprint(SEEDS_DIR));
  });

  it('is ignored when absent, corrupt or of another format: the seeds are imported', async () => {
    const corrupt = join(work, 'corrupt.json');
    writeFileSync(corrupt, '{"format": "paperclub-library-snapshot/2", "inputs": ');
    const inputs = await seedsFingerprint(SEEDS_DIR);
    expect(await readLibrarySnapshot(join(work, 'absent.json'), inputs)).toBeNull();
    expect(await readLibrarySnapshot(corrupt, inputs)).toBeNull();
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ format: 'paperclub-library-snapshot/0', inputs, entries: [], report: {} }));
    expect(await readLibrarySnapshot(other, inputs)).toBeNull();
    const { library } = await loadLibraryOrSnapshot({ seedsDir: SEEDS_DIR, snapshotFile: corrupt });
    expect(library.size).toBe(imported.size);
  });

  it('names the search index saved with it, and hands it on only with the library it was saved with', async () => {
    const withIndex = join(work, 'with-index.json');
    // A name is taken as a file beside the snapshot, whatever path it pretends to.
    writeFileSync(withIndex, librarySnapshot(imported, await seedsFingerprint(SEEDS_DIR), { file: '../elsewhere/search-index.v8', sha256: 'ab12' }));
    const loaded = await loadLibraryOrSnapshot({ seedsDir: SEEDS_DIR, snapshotFile: withIndex });
    expect(loaded.searchIndex).toEqual({ file: join(work, 'search-index.v8'), sha256: 'ab12' });
    expect((await loadLibraryOrSnapshot({ seedsDir: SEEDS_DIR, snapshotFile })).searchIndex).toBeNull();
    expect((await loadLibraryOrSnapshot({ seedsDir: SEEDS_DIR })).searchIndex).toBeNull();
  });

  it('keeps the error of an unreadable seeds directory', async () => {
    const error = await loadLibraryOrSnapshot({ seedsDir: join(work, 'no-such-seeds'), snapshotFile }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'seed_unreadable' });
  });

  it('has the name the build writes it under', () => {
    expect(SNAPSHOT_FILE).toBe(LIBRARY_SNAPSHOT);
  });
});
