/**
 * `node dist/library-snapshot.js <seedsDir> <out.json>`: imports the seeds and writes the library
 * snapshot that processes started from dist/ read instead of importing again (src/library/snapshot.ts),
 * with the search index of that library, which they load instead of building (src/search/index-snapshot.ts).
 * scripts/build.mjs runs it after compiling, for the shipped seeds/.
 */
import { writeFileSync } from 'node:fs';
import { loadLibrary } from '../src/library/library.ts';
import { librarySnapshot, seedsFingerprint } from '../src/library/snapshot.ts';
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
writeFileSync(out, librarySnapshot(library, before, new SearchIndex(library.entries).toSnapshot()));
