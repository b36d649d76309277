/**
 * Drives the operator CLI adapter through its real entry point (runCli over argv, with bin/admin-cli.ts's
 * wiring): `/paper <text>` becomes the argv a shell would pass (`--channel console:<name>`, plus
 * `--as-admin` for an admin), stdout and stderr are the answer, and a button is the shell command the
 * CLI prints for it (`> Cite APA: paperclub cite 1706.03762 apa --channel …`), split as a shell would.
 * Shares post through the console channel's port, whose output is the channel.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { runCli, type CliDeps } from '../../adapters/cli/index.ts';
import { createConsoleChat } from '../../adapters/console/chat.ts';
import { createOperatorWiring } from '../../bin/admin-cli.ts';
import { tokenize } from '../../src/commands/command-line.ts';
import { allCommands } from '../../src/commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { createTestServices } from '../helpers/services.ts';
import { shellWords } from '../helpers/shell.ts';
import type { CommandServices } from '../../src/commands/types.ts';
import type { ContractDriver, RenderedReply } from './adapter-contract.ts';

const BUTTON = /^ {2}> ([^:]+): (paperclub .*)$/gm;
const POST = /── posted in (\S+) ──\n([\s\S]*?)\n── end of post ──\n/g;

/**
 * Runs the CLI adapter as `paperclub <argv>` would, with bin/admin-cli.ts's wiring on the test's Redis
 * store and prefix; posts to console channels (shares, and what the job runner prints) land in `printed`.
 */
export function cliRunner(services: CommandServices, prefix: string, printed: string[]): (argv: string[]) => Promise<RenderedReply> {
  const config = loadConfig({ REDIS_PREFIX: prefix });
  return async (argv) => {
    const wiring = createOperatorWiring({
      config,
      log: silentLogger(),
      library: services.library,
      seedsDir: 'seeds',
      consoleOutput: (text) => printed.push(text),
      redis: { options: { host: '127.0.0.1', port: 6379 }, store: services.store },
      chat: { console: createConsoleChat((text) => printed.push(text)) },
    });
    const deps: CliDeps = {
      commands: allCommands,
      services: async () => ({ ...services, store: wiring.store, announcements: wiring.announcements, operator: wiring.operator }),
      post: (where, message) => wiring.post(where, message),
      operatorId: 'cli:contract',
      version: '0.0.0-contract',
      log: silentLogger(),
    };
    // The person is at a terminal: a citation is followed by its buttons.
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const stdin = new PassThrough();
    stdin.end();
    try {
      await runCli(argv, { stdout, stderr, stdin }, deps);
    } finally {
      await wiring.close();
    }
    const matches = [...out.matchAll(BUTTON)];
    return {
      text: `${out}${err}`.trim(),
      buttons: matches.map((m) => m[1]!),
      ephemeral: true,
      raw: { stdout: out, stderr: err, commands: matches.map((m) => m[2]!) },
    };
  };
}

/** Presses a printed button: its shell command, split as a shell would. */
export function pressButton(run: (argv: string[]) => Promise<RenderedReply>, reply: RenderedReply, index: number): Promise<RenderedReply> {
  const command = (reply.raw as { commands: string[] }).commands[index];
  if (!command) throw new Error(`no button ${index}`);
  const [program, ...argv] = shellWords(command);
  if (program !== 'paperclub') throw new Error(`a button must be a paperclub command, got ${command}`);
  return run(argv);
}

/** Posts printed into console channels so far. */
export function printedPosts(printed: readonly string[]): RenderedReply[] {
  return [...printed.join('').matchAll(POST)].map((m) => ({ text: m[2]!, buttons: [], ephemeral: false, raw: m[0] }));
}

export async function cliDriver(): Promise<ContractDriver> {
  const { services, prefix, cleanup } = await createTestServices({ scope: 'contract:cli' });
  const channel = `console:contract-${randomUUID().slice(0, 8)}`;
  const printed: string[] = [];
  const run = cliRunner(services, prefix ?? 'unused', printed);

  return {
    invoke(text, opts = {}) {
      const words = tokenize(text).map((t) => t.value);
      return run([...words, '--channel', channel, ...((opts.admin ?? true) ? ['--as-admin'] : [])]);
    },
    click: (reply, index) => pressButton(run, reply, index),
    async posted() {
      return printedPosts(printed);
    },
    close: cleanup,
  };
}
