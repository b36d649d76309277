/**
 * `npm run cli -- <command>` and the `paperclub` bin: the CLI's composition root. Reads the
 * configuration once, wires the library, search, enrichment and admin commands, and hands the
 * process streams to src/cli (which holds the command table and every behaviour).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { Redis } from 'ioredis';
import { enrichLibrary } from '../src/arxiv/enrich.ts';
import { arxivGateKey, createSharedArxivGate } from '../src/arxiv/shared-gate.ts';
import type { CliDeps, CliLibrary, OpenLibrary } from '../src/cli/deps.ts';
import type { CliIo } from '../src/cli/io.ts';
import { PROGRAM, runCli } from '../src/cli/run.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { PaperclubError, isPaperclubError } from '../src/errors.ts';
import { loadLibrary } from '../src/library/library.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { privateRedisSocket, redisAnswers, redisOptionsFromUrl } from './redis-bootstrap.ts';

/** The club's own lists, shipped with the package: used when no seeds directory is configured or present. */
const PACKAGE_SEEDS_DIR = fileURLToPath(new URL('../seeds', import.meta.url));
// Next to this file: bin/admin-cli.ts under tsx, dist/admin-cli.js in the build.
const ADMIN_MODULE = import.meta.url.endsWith('.ts') ? './admin-cli.ts' : './admin-cli.js';

type AdminModule = { runAdminCommand(argv: string[], io: CliIo): Promise<number> };

/**
 * The environment plus .env from the working directory (real variables win). LOG_LEVEL defaults to
 * `warn` here rather than the server's `info`, so stdout carries only results and stderr stays quiet.
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

function libraryOpener(seedsDir: string, log: Logger): () => Promise<OpenLibrary> {
  let opened: Promise<OpenLibrary> | undefined;
  const open = async (): Promise<OpenLibrary> => {
    try {
      const library = await loadLibrary({ seedsDir });
      log.debug({ entries: library.entries.length, seedsDir }, 'library loaded');
      return { library, index: new SearchIndex(library.entries) };
    } catch (error) {
      if (isPaperclubError(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new PaperclubError('seed_unreadable', `cannot read the seed lists in ${seedsDir}: ${reason}`, { seedsDir }, { cause: error });
    }
  };
  return () => (opened ??= open());
}

async function runAdmin(argv: string[], io: CliIo): Promise<number> {
  let admin: AdminModule;
  try {
    // A variable specifier: the admin commands are a separate module loaded only when asked for.
    admin = (await import(ADMIN_MODULE)) as AdminModule;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes('admin-cli')) {
      throw new PaperclubError('unknown_command', `"${argv[0]}" is not available: this build has no admin commands`, { argv });
    }
    throw error;
  }
  return admin.runAdminCommand(argv, io);
}

/**
 * Enrichment talks to arXiv. When the deployment's Redis answers, space the requests with the gate the
 * bot and workers share, so a CLI run and a running bot together still stay within arXiv's limit.
 */
async function enrichWithSharedGate(config: Config, seedsDir: string, log: Logger, library: CliLibrary, force: boolean) {
  const options = config.redis.url === 'private' ? { path: privateRedisSocket(config.dataDir) } : redisOptionsFromUrl(config.redis.url ?? 'redis://127.0.0.1:6379');
  const redis = (await redisAnswers(options)) ? new Redis(options) : null;
  try {
    const gate = redis ? createSharedArxivGate({ redis, key: arxivGateKey(config.redis.prefix) }) : undefined;
    return await enrichLibrary({ library, seedsDir, apiUrl: config.arxiv.apiUrl, userAgent: config.arxiv.userAgent, log, force, gate });
  } finally {
    redis?.disconnect();
  }
}

async function main(): Promise<number> {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  let config: Config;
  const env = cliEnvironment();
  try {
    config = loadConfig(env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${PROGRAM}: ${message.replace(/\s*\n\s*/g, '; ')}\n`);
    return 1;
  }
  const log = createLogger({ level: config.logLevel });
  const seedsDir = seedsDirFor(env, config);
  const deps: CliDeps = {
    log,
    openLibrary: libraryOpener(seedsDir, log),
    enrich: (library: CliLibrary, options) => enrichWithSharedGate(config, seedsDir, log, library, options.force),
    admin: runAdmin,
  };
  return runCli(process.argv.slice(2), io, deps);
}

// A reader that closes the pipe early (`paperclub export | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main();
