/**
 * The operator CLI, a fourth adapter next to Slack, Discord and the console: argv in, the same
 * command definitions run, text or JSON out. Chat commands run as in a channel (`--channel`, and
 * `--as-admin` to act as its admin); operator commands (`poll --once`, `resume`, `status --all`,
 * `enrich`, `import`, `export`) are defined the same way and offered only here.
 *
 * Output rules: answers on stdout, one-line failures on stderr (`paperclub: …`, exit 1), logs on
 * stderr (bin/cli.ts sets the level); with --json stdout holds JSON only.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { formatChannelAddress, type ChannelAddress } from '../../src/channel-address.ts';
import { tokenize } from '../../src/commands/command-line.ts';
import { execute } from '../../src/commands/dispatch.ts';
import { bindArguments, parseCommandLine } from '../../src/commands/parse.ts';
import type { Actor, AnywhereContext, CommandDef, CommandServices } from '../../src/commands/types.ts';
import { isPaperclubError, PaperclubError } from '../../src/errors.ts';
import type { Logger } from '../../src/log.ts';
import { sharedMessage } from '../../src/messages/cards.ts';
import type { Message } from '../../src/messages/message.ts';
import { parseInvocation, type CliInvocation } from './argv.ts';
import { commandHelp, overviewHelp, PROGRAM } from './help.ts';
import { answerData, jsonOutput, textOutput } from './output.ts';

export { PROGRAM };

/** The streams one run talks through; the bin passes the process's, tests their own. */
export interface CliIo {
  /** `isTTY` when it is a terminal: then a document (a citation) is followed by its buttons. */
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  stdin: Readable;
}

export interface CliDeps {
  /** Every command: chat's and the operators' (src/commands/index.ts allCommands). */
  commands: readonly CommandDef[];
  /** The services, built on first use: help and --version never load the library. */
  services(): Promise<CommandServices>;
  /** Posts a message into a channel for everyone (`--share`). */
  post(channel: ChannelAddress, message: Message): Promise<void>;
  /** Who runs the CLI, recorded as the actor (`club add`'s "added by"). */
  operatorId: string;
  version: string;
  log: Logger;
}

/** Who may run admin commands at the CLI, for the refusal. */
const ADMIN_RULE = "the channel's admins (add --as-admin to act as one)";

/** Runs one invocation and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  let invocation: CliInvocation | null = null;
  try {
    invocation = parseInvocation(deps.commands, argv);
    switch (invocation.kind) {
      case 'version':
        await write(io.stdout, `${PROGRAM} ${deps.version}\n`);
        return 0;
      case 'help':
        await write(io.stdout, invocation.path.length === 0 ? overviewHelp(deps.commands, deps.version) : commandHelp(deps.commands, invocation.path));
        return 0;
      case 'run':
        return await run(invocation, io, deps);
    }
  } catch (error) {
    return fail(io, deps.log, error, invocation?.kind === 'run' ? invocation.path : []);
  }
}

async function run(invocation: Extract<CliInvocation, { kind: 'run' }>, io: CliIo, deps: CliDeps): Promise<number> {
  const { path, def, globals } = invocation;
  if (globals.share && !globals.channel) throw new PaperclubError('bad_arguments', '--share posts into a channel: name it with --channel <address>');
  const actor: Actor = globals.as ? { id: globals.as, name: globals.as, isAdmin: globals.asAdmin } : { id: deps.operatorId, name: 'operator', isAdmin: globals.asAdmin };
  const log = deps.log.child({ adapter: 'cli', command: path.join(' '), ...(globals.channel ? { channel: formatChannelAddress(globals.channel) } : {}) });
  // Arguments are checked before anything is loaded, so a typo fails at once.
  const args = invocation.stdin ? null : bindArguments(path, def, invocation.flags, invocation.positional);
  const ctx: AnywhereContext = { actor, channel: globals.channel, log, services: await deps.services(), adminRule: ADMIN_RULE };

  if (args === null) return answerStdinLines(invocation, ctx, io);
  const message = await execute(def, path, args, ctx);
  const commandOf = (line: string) => {
    const parsed = parseCommandLine(deps.commands, line);
    return parsed.ok ? parsed.def : null;
  };
  await write(io.stdout, globals.json ? jsonOutput(message) : textOutput(message, { channel: globals.channel, as: globals.as, commandOf }, io.stdout.isTTY === true));
  if (globals.share && globals.channel) {
    if (message.error) {
      await write(io.stderr, `${PROGRAM}: not shared: a failed answer stays private\n`);
    } else {
      await deps.post(globals.channel, sharedMessage(message));
      await write(globals.json ? io.stderr : io.stdout, `Shared in ${formatChannelAddress(globals.channel)}.\n`);
    }
  }
  // An answer marked as an error (a poll whose feeds or deliveries failed) is shown, and the exit code says so.
  return message.error ? 1 : 0;
}

/**
 * `paperclub search -`: one invocation per stdin line, each answered by one line of JSON, in order, as
 * lines arrive (a program can keep the pipe open and use it as a lookup service). A line is typed as
 * in chat (`cite - ` reads `dpo apa`); a blank line answers `[]`; a refused line answers
 * `{"error":{"code","message"}}`, so output line N always answers input line N.
 */
async function answerStdinLines(invocation: Extract<CliInvocation, { kind: 'run' }>, ctx: AnywhereContext, io: CliIo): Promise<number> {
  const { path, def, flags } = invocation;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') {
      await write(io.stdout, '[]\n');
      continue;
    }
    let out: string;
    try {
      const args = bindArguments(path, def, flags, tokenize(line));
      out = JSON.stringify(answerData(await execute(def, path, args, ctx)));
    } catch (error) {
      if (!isPaperclubError(error)) throw error;
      out = JSON.stringify({ error: { code: error.code, message: error.message } });
    }
    await write(io.stdout, `${out}\n`);
  }
  return 0;
}

async function fail(io: CliIo, log: Logger, error: unknown, path: readonly string[]): Promise<number> {
  let message: string;
  if (isPaperclubError(error)) {
    log.debug({ err: error, code: error.code, context: error.context }, 'command failed');
    const hint =
      error.code === 'bad_arguments' && path.length > 0
        ? ` (see "${PROGRAM} help ${path.join(' ')}")`
        : error.code === 'unknown_command'
          ? ` (run "${PROGRAM} --help" for the list)`
          : '';
    message = `${error.message}${hint}`;
  } else {
    log.error({ err: error }, 'unexpected failure');
    message = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  }
  // One line: a multi-line message (e.g. from config validation) is folded rather than cut.
  await write(io.stderr, `${PROGRAM}: ${message.replace(/\s*\n\s*/g, '; ')}\n`);
  return 1;
}

/** Writes and, when the stream is full, waits for it to drain: a long stdin-driven run never piles up output. */
function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const flushed = stream.write(text, (error) => {
      if (error) reject(error);
    });
    if (flushed) resolve();
    else stream.once('drain', resolve);
  });
}
