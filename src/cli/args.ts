import { parseArgs } from 'node:util';
import { PaperclubError } from '../errors.ts';

/** Option specs as node:util parseArgs takes them (strings and booleans only). */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Strict parsing for one command: an unknown flag, a missing value or a value given to a switch is
 * a `bad_arguments` error naming the flag and the command, never node's multi-line message.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: { ...values }, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const flag = /'(-[^' ]+)/.exec(String((error as Error).message))?.[1] ?? 'option';
    const why =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown option ${flag}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && options[flag.replace(/^-+/, '')]?.type === 'string'
          ? `option ${flag} needs a value`
          : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? `option ${flag} takes no value`
            : String((error as Error).message);
    throw new PaperclubError('bad_arguments', `${why} for "${command}" (see paperclub ${command} --help)`, { command, args });
  }
}

/** A positive integer option such as --limit, bounded so one query cannot dump a 10,000-entry index. */
export function positiveInt(command: string, flag: string, value: string | boolean | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new PaperclubError('bad_arguments', `--${flag} must be a whole number from 1 to ${max}, not "${String(value)}"`, { command, flag, value });
  }
  return n;
}
