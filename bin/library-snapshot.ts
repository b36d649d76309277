/**
 * `node dist/library-snapshot.js <seedsDir> <out.json>`: imports the seeds and writes the library
 * snapshot that processes started from dist/ read instead of importing again (src/library/snapshot.ts),
 * and, next to it, the search index of that library, which they load instead of building
 * (src/search/index-snapshot.ts).
 * scripts/build.mjs runs it after compiling, for the shipped seeds/.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadLibrary } from '../src/library/library.ts';
import { librarySnapshot, seedsFingerprint } from '../src/library/snapshot.ts';
import { INDEX_SNAPSHOT_FILE, serializeIndexSnapshot, sha256 } from '../src/search/index-snapshot.ts';
import { SearchIndex } from '../src/search/search-index.ts';

const [seedsDir, out] = process.argv.slice(2);
if (!seedsDir || !out) {
  process.stderr.write('usage: node dist/library-snapshot.js <seedsDir> <out.json>\n');
  process.exit(2);
}
const before = await seedsFingerprint(seedsDir);
const library = await loadLibrary({ seedsDir });
// A seed saved during the import would leave a snapshot that claims the wrong inputs: write none.
if ((await seedsFingerprint(seedsDir)) !== before) {
  process.stderr.write(`library-snapshot: ${seedsDir} changed during the import; no snapshot written\n`);
  process.exit(1);
}
const index = serializeIndexSnapshot(new SearchIndex(library.entries).toSnapshot());
// The index first: the snapshot names it by digest, so a reader never pairs a snapshot with an older index.
writeFileSync(join(dirname(out), INDEX_SNAPSHOT_FILE), index);
writeFileSync(out, librarySnapshot(library, before, { file: INDEX_SNAPSHOT_FILE, sha256: sha256(index) }));
