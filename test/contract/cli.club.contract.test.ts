/**
 * The club contract at the operator CLI: each member is `--as <member>` (the admin adds --as-admin),
 * `club schedule` plans the announcement on the deployment's queue from the CLI process, and a running
 * bot's job runtime (a worker on the same Redis) posts it, here into a console channel's output.
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
import type { RenderedReply } from './adapter-contract.ts';
import { CLUB_MEMBERS, clubContract, type ClubDriver, type ClubMemberKey } from './club-contract.ts';
import { eventually, startClubRuntime } from './club-runtime.ts';

const BUTTON = /^ {2}> ([^:]+): (paperclub .*)$/gm;
const POST = /── posted in (\S+) ──\n([\s\S]*?)\n── end of post ──\n/g;

async function cliClubDriver(): Promise<ClubDriver> {
  const { services, prefix, cleanup } = await createTestServices({ scope: 'contract:club-cli' });
  const channel = `console:club-${randomUUID().slice(0, 8)}`;
  const printed: string[] = [];
  const config = loadConfig({ REDIS_PREFIX: prefix! });
  // The bot that runs next to the operator: it announces what the CLI scheduled.
  const runtime = await startClubRuntime({ prefix: prefix!, store: services.store, library: services.library, chat: { console: createConsoleChat((text) => printed.push(text)) } });

  const run = async (argv: string[]): Promise<RenderedReply> => {
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
    return { text: `${out}${err}`.trim(), buttons: matches.map((m) => m[1]!), ephemeral: true, raw: { commands: matches.map((m) => m[2]!) } };
  };
  const as = (key: ClubMemberKey) => ['--as', CLUB_MEMBERS[key].name, ...(CLUB_MEMBERS[key].admin ? ['--as-admin'] : [])];

  return {
    invoke(text, key) {
      return run([...tokenize(text).map((t) => t.value), '--channel', channel, ...as(key)]);
    },
    click(reply, index) {
      // The printed shell command already names the member (`--as`) and the channel.
      const command = (reply.raw as { commands: string[] }).commands[index];
      if (!command) throw new Error(`no button ${index}`);
      const [program, ...argv] = shellWords(command);
      if (program !== 'paperclub') throw new Error(`a button must be a paperclub command, got ${command}`);
      return run(argv);
    },
    async announcement() {
      const text = await eventually('the announcement', () => [...printed.join('').matchAll(POST)].map((m) => m[2]!).find((t) => t.includes('Paper club: session')));
      return { post: { text, buttons: [], ephemeral: false, raw: text }, thread: null };
    },
    async close() {
      await runtime.close();
      await cleanup();
    },
  };
}

clubContract('cli', cliClubDriver);
