// Preloaded by `npm start`, `npm run worker` and `npm run discord:register`
// (`node --import ./scripts/build-if-stale.mjs dist/<entry>.js`): rebuilds dist/ first when a source
// is newer than the last build, in the same process, so the check costs a walk of the source tree
// (about 10 ms) instead of a second node start (an npm `pre` script: 0.1-0.3 s). Node loads the entry
// point only after this module has run, so it always runs the fresh build.
import { buildIfStale } from './build.mjs';

const started = Date.now();
try {
  if (await buildIfStale()) process.stderr.write(`paperclub: built dist/ in ${Date.now() - started} ms\n`);
} catch (error) {
  process.stderr.write(`paperclub: build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
