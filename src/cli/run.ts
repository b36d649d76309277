import { isPaperclubError } from '../errors.ts';
import { commandHelp, findCommand, usageText } from './commands.ts';
import type { CliDeps } from './deps.ts';
import { type CliIo, write } from './io.ts';

export const PROGRAM = 'paperclub';

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

/**
 * Runs one CLI invocation and returns its exit code. Every failure becomes one line on stderr,
 * `paperclub: <what went wrong>`, and exit code 1; stack traces only reach the debug log.
 */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || HELP_FLAGS.has(name)) {
      await write(io.stdout, usageText(PROGRAM));
      return 0;
    }
    const command = findCommand(name);
    if (!command) return await fail(io, `unknown command "${name}"; run "${PROGRAM} --help" for the list`);
    if (command.run === 'admin') return await deps.admin([...argv], io);
    if (rest.some((arg) => arg === '--help' || arg === '-h')) {
      await write(io.stdout, commandHelp(PROGRAM, command));
      return 0;
    }
    return await command.run(rest, io, deps);
  } catch (error) {
    if (isPaperclubError(error)) {
      deps.log.debug({ err: error, code: error.code, context: error.context }, 'command failed');
      return await fail(io, error.message);
    }
    deps.log.error({ err: error }, 'unexpected failure');
    return await fail(io, `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function fail(io: CliIo, message: string): Promise<number> {
  // One line: a multi-line message (e.g. from config validation) is folded rather than cut.
  await write(io.stderr, `${PROGRAM}: ${message.replace(/\s*\n\s*/g, '; ')}\n`);
  return 1;
}
