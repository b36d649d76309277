/**
 * `npm run cli -- <command>` and the `paperclub` bin: the CLI's composition root. Reads the
 * configuration once, builds the services the commands use (the library and search index, and, on
 * first use, Redis, the job runner and the chat ports from bin/admin-cli.ts) and hands argv and the
 * process streams to the CLI adapter (adapters/cli), which runs the command definitions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { runCli, PROGRAM, type CliDeps, type CliIo } from '../adapters/cli/index.ts';
import { allCommands } from '../src/commands/index.ts';
import type { CommandServices } from '../src/commands/types.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { PaperclubError, isPaperclubError } from '../src/errors.ts';
import type { Library } from '../src/library/library.ts';
import { librarySnapshotFile, loadLibraryOrSnapshot, type LoadedLibrary } from '../src/library/snapshot.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { systemClock, type DigestScheduler } from '../src/ports.ts';
import { lazySearchIndex } from '../src/search/lazy-index.ts';
import type { OperatorWiring } from './admin-cli.ts';
import { lazyStore } from './lazy-store.ts';

/** The club's own lists, shipped with the package: used when no seeds directory is configured or present. */
const PACKAGE_SEEDS_DIR = fileURLToPath(new URL('../seeds', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../package.json', import.meta.url));

/**
 * The environment plus .env from the working directory (real variables win). LOG_LEVEL defaults to
 * `warn` here rather than the server's `info`: answers go to stdout, and logs (on stderr) stay quiet.
 * Only a LOG_LEVEL set for this run changes that; the one in .env is the server's.
 */
function cliEnvironment(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  if (existsSync('.env')) loadDotenv({ path: '.env', processEnv: env as Record<string, string>, quiet: true });
  return { ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
}

/** A relative PAPERCLUB_SEEDS_DIR is relative to the working directory, as for any CLI path argument. */
function seedsDirFor(env: Record<string, string | undefined>, config: Config): string {
  const configured = resolve(config.seedsDir);
  if (env.PAPERCLUB_SEEDS_DIR === undefined && !existsSync(configured)) return PACKAGE_SEEDS_DIR;
  return configured;
}

async function openLibrary(seedsDir: string, log: Logger): Promise<LoadedLibrary> {
  try {
    const loaded = await loadLibraryOrSnapshot({ seedsDir, snapshotFile: librarySnapshotFile(import.meta.url) });
    log.debug({ entries: loaded.library.entries.length, seedsDir, savedSearchIndex: loaded.searchIndex !== null }, 'library loaded');
    return loaded;
  } catch (error) {
    if (isPaperclubError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PaperclubError('seed_unreadable', `cannot read the seed lists in ${seedsDir}: ${reason}`, { seedsDir }, { cause: error });
  }
}

async function main(): Promise<number> {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  const env = cliEnvironment();
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${PROGRAM}: ${message.replace(/\s*\n\s*/g, '; ')}\n`);
    return 1;
  }
  const log = createLogger({ level: config.logLevel });
  const seedsDir = seedsDirFor(env, config);
  const json = process.argv.includes('--json');

  let loading: Promise<LoadedLibrary> | undefined;
  const loaded = () => (loading ??= openLibrary(seedsDir, log));
  const theLibrary = async (): Promise<Library> => (await loaded()).library;
  // Redis, BullMQ and the chat SDKs take seconds to load: only commands that use them pay for it.
  let wiring: Promise<OperatorWiring> | undefined;
  const wired = () =>
    (wiring ??= Promise.all([import('./admin-cli.ts'), theLibrary()]).then(([admin, lib]) =>
      admin.createOperatorWiring({
        config,
        log,
        library: lib,
        seedsDir,
        // Under --json, stdout holds only the answer: what a console channel is sent goes to stderr.
        consoleOutput: (text) => (json ? process.stderr : process.stdout).write(text),
      }),
    ));

  let services: Promise<CommandServices> | undefined;
  const buildServices = async (): Promise<CommandServices> => {
    const { library: lib, searchIndex } = await loaded();
    const digests: DigestScheduler = {
      schedule: async (channel, schedule) => (await wired()).digests.schedule(channel, schedule),
      cancel: async (channel) => (await wired()).digests.cancel(channel),
      nextRun: async (channel) => (await wired()).digests.nextRun(channel),
    };
    return {
      library: lib,
      // Built only by commands that search: `cite 2106.09685` names its paper and never needs it.
      search: lazySearchIndex(lib.entries, searchIndex),
      store: lazyStore(async () => (await wired()).store),
      digests,
      announcements: {
        follow: async (channel) => (await wired()).announcements.follow(channel),
        cancel: async (channel) => (await wired()).announcements.cancel(channel),
      },
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
      clock: systemClock,
      deliveries: { heldBack: async (channel) => (await wired()).deliveries.heldBack(channel) },
      operator: {
        pollOnce: async () => (await wired()).operator.pollOnce(),
        resume: async (channel) => (await wired()).operator.resume(channel),
        queueCounts: async () => (await wired()).operator.queueCounts(),
        enrich: async (options) => (await wired()).operator.enrich(options),
      },
    };
  };

  const deps: CliDeps = {
    commands: allCommands,
    services: () => (services ??= buildServices()),
    post: async (channel, message) => (await wired()).post(channel, message),
    operatorId: `cli:${userInfo().username}`,
    version: (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version,
    log,
  };
  try {
    return await runCli(process.argv.slice(2), io, deps);
  } finally {
    if (wiring) await (await wiring).close();
  }
}

// A reader that closes the pipe early (`paperclub export | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main();
