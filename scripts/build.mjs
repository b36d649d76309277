#!/usr/bin/env node
// Compiles the entry points in bin/ to dist/ (ESM for Node 20, one bundle per entry point, shared code
// in chunks, the npm packages on the start-up path compiled in and the others left external), so
// production runs `node dist/<entry>.js` directly: signals reach the bot, and nothing compiles
// TypeScript at start-up.
//
//   node scripts/build.mjs              build now
//   node scripts/build.mjs --if-stale   build only when dist/ is missing or older than a source file
//
// The same check runs in-process before `npm start`, `npm run worker` and `npm run discord:register`
// (scripts/build-if-stale.mjs, preloaded with --import) and in bin/paperclub.js, so a fresh clone and
// an edited checkout both run current code. It stats the source tree (about 10 ms); see README
// "Running in production".
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');

/** Output name → source. Flat, so `new URL('../seeds', import.meta.url)` means the same from bin/ and dist/. */
export const ENTRY_POINTS = {
  start: 'bin/start.ts',
  worker: 'bin/worker.ts',
  cli: 'bin/cli.ts',
  'admin-cli': 'bin/admin-cli.ts',
  'discord-register': 'bin/discord-register.ts',
  'library-snapshot': 'bin/library-snapshot.ts',
};

/** The library imported from the shipped seeds at build time (bin/library-snapshot.ts, src/library/snapshot.ts). */
export const LIBRARY_SNAPSHOT = 'library-snapshot.json';

const SOURCE_DIRS = ['src', 'adapters', 'jobs', 'bin', 'scripts/offline'];
// The lock file too: the bundled packages are part of the build, so an upgrade needs a new one.
const SOURCE_FILES = ['scripts/build.mjs', 'package-lock.json'];
/** Written last by a successful build; its mtime is the build's. */
const STAMP = join(DIST, '.build-stamp');

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when dist/ is missing, or any source is newer than the last build. */
export function isStale() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(join(ROOT, p)));
  return Math.max(...sources) > built;
}

/**
 * Packages compiled into dist/ (with everything they import) rather than loaded from node_modules:
 * the ones on the start-up path. Node then reads a few files instead of hundreds, and skips the
 * ESM-to-CommonJS export scan of each; zod, ioredis and BullMQ load in half the time. Bolt too (a
 * Slack bot cannot answer without it, and it loads its Socket Mode client and undici even in HTTP
 * mode): a Slack bot listened about 30% sooner (the end-to-end tests run Slack from dist/). The rest
 * stays external: discord.js and citation-js (loaded when used), bull-board (serves its UI files from
 * its own folder), prom-client (loaded after the server listens).
 */
export const BUNDLED_PACKAGES = [
  'zod', 'pino', 'dotenv', 'cron-parser', 'luxon', 'minisearch', 'iconv-lite', 'ioredis', 'bullmq', 'rss-parser', 'discord-api-types', '@slack/bolt',
  '@citation-js/core', '@citation-js/plugin-bibjson', '@citation-js/plugin-bibtex', '@citation-js/plugin-csl', '@citation-js/plugin-ris',
];
/**
 * Packages whose `require` and `import` builds differ, required by a bundled CommonJS package and
 * imported by our code: without this, dist/ held both copies of luxon (cron-parser requires its
 * CommonJS build, our code imports its ES build), and a one-shot CLI call read and compiled both.
 * Every `require` of these is given the ES build, which esbuild wraps for CommonJS callers.
 */
const ONE_COPY_PACKAGES = ['luxon'];
/**
 * Modules citation-js loads only to fetch over the network, which paperclub never lets it do: dist/
 * gets stand-ins that refuse (scripts/offline/), and `paperclub cite` skips loading node-fetch.
 */
const OFFLINE_STAND_INS = {
  'sync-fetch': './scripts/offline/sync-fetch.mjs',
  'fetch-ponyfill': './scripts/offline/fetch-ponyfill.mjs',
};
/** Native addons and the like, found by path at run time: always loaded from node_modules. */
const NEVER_BUNDLED = ['msgpackr-extract'];

/**
 * CommonJS packages compiled into an ES module still call `require` for Node built-ins and for the
 * packages left external, and some read `__filename`/`__dirname`.
 */
const CJS_SHIMS = [
  "import { createRequire as __paperclubCreateRequire } from 'node:module';",
  'const require = __paperclubCreateRequire(import.meta.url);',
].join(' ');

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** An esbuild plugin: bare imports from our code are external unless listed; inside a bundled package, everything is bundled. */
function bundleOnly(bundled, never) {
  return {
    name: 'bundle-only',
    setup(b) {
      const oneCopy = new RegExp(`^(${ONE_COPY_PACKAGES.join('|')})$`);
      b.onResolve({ filter: oneCopy }, async (args) => {
        if (args.kind !== 'require-call' || args.pluginData?.asImport) return undefined;
        const asImport = await b.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer, pluginData: { asImport: true } });
        return asImport.errors.length > 0 ? undefined : { path: asImport.path, external: asImport.external };
      });
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { external: true };
        const name = packageName(args.path);
        if (never.includes(name)) return { external: true };
        const fromPackage = args.importer.includes('/node_modules/');
        return fromPackage || bundled.includes(name) ? undefined : { external: true };
      });
    },
  };
}

export async function build() {
  // esbuild is loaded only when a build is needed, so a current dist/ costs nothing but the stat walk.
  const esbuild = await import('esbuild');
  const { existsSync, renameSync, rmSync, utimesSync, writeFileSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const startedAt = new Date();
  // Build next to dist/ and swap it in, so a process starting meanwhile never sees half a build.
  const staging = `${DIST}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: staging,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [bundleOnly(BUNDLED_PACKAGES, NEVER_BUNDLED)],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    banner: { js: CJS_SHIMS },
    alias: OFFLINE_STAND_INS,
    // Smaller sources to read, parse and keep in memory (about 10 MB less RSS for the bot); names are
    // kept, so stack traces still name functions, and `node --enable-source-maps` maps them to src/.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // A build inside another process (npm start's preload, the test setup) must not leave esbuild's
  // service process running beside it.
  await esbuild.stop();
  writeLibrarySnapshot(staging, execFileSync, existsSync);
  // The stamp carries the build's START time: a source saved during the build still counts as newer.
  const stamp = join(staging, '.build-stamp');
  writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  utimesSync(stamp, startedAt, startedAt);
  rmSync(DIST, { recursive: true, force: true });
  renameSync(staging, DIST);
}

/**
 * Imports seeds/ with the code just compiled and writes the snapshot next to it, so a start from dist/
 * skips the import (0.1-0.3 s) while the seeds are the shipped ones. Without seeds (a build from
 * sources only) or when the import fails, the build goes on without one: processes import as before.
 */
function writeLibrarySnapshot(staging, execFileSync, existsSync) {
  const seeds = join(ROOT, 'seeds');
  if (!existsSync(seeds)) return;
  try {
    execFileSync(process.execPath, [join(staging, 'library-snapshot.js'), seeds, join(staging, LIBRARY_SNAPSHOT)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    process.stderr.write(`paperclub: no library snapshot (${String(error?.stderr ?? error).trim()}); processes will import the seeds at start\n`);
  }
}

/** Builds when stale; returns whether it built. */
export async function buildIfStale() {
  if (!isStale()) return false;
  await build();
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const onlyIfStale = process.argv.includes('--if-stale');
  try {
    const built = onlyIfStale ? await buildIfStale() : (await build(), true);
    if (built) process.stderr.write(`paperclub: built dist/ in ${Date.now() - started} ms\n`);
  } catch (error) {
    process.stderr.write(`paperclub: build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
