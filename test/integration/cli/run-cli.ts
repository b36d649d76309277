/** Spawns the real CLI (`node bin/paperclub.js …`) the way a user or another program would. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'paperclub.js');
export const SEEDS_DIR = join(ROOT, 'seeds');

/** An empty directory outside the project: proves the bin does not depend on the working directory. */
export const ELSEWHERE = mkdtempSync(join(tmpdir(), 'paperclub-cli-cwd-'));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  stdin?: string;
}

function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PAPERCLUB_SEEDS_DIR: SEEDS_DIR, ...extra };
  // The CLI's own default log level is under test; an outer LOG_LEVEL must not leak in.
  if (!('LOG_LEVEL' in extra)) delete env.LOG_LEVEL;
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

export function startCli(args: string[], options: SpawnOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ELSEWHERE, env: cliEnv(options.env) });
}

export function runCli(args: string[], options: SpawnOptions = {}): Promise<CliRun> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
