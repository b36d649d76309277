/**
 * argv → one invocation of a command definition. node:util parseArgs splits the options (its tokens
 * tell us exactly what was typed); the definitions say which options exist, and the core binds the
 * positional words to them exactly as it does for a chat line (src/commands/parse.ts bindArguments).
 *
 *   paperclub cite lora apa                      positional words, as in chat
 *   paperclub cite lora --format apa             any option by name
 *   paperclub topics add "mixture of experts" --channel slack:T1/C1 --as-admin
 *   paperclub topics add llm -survey             a word that starts with one dash is a word
 *   paperclub search - --json                    `-` reads the text argument from stdin, one line each
 */
import { parseArgs } from 'node:util';
import { parseChannelAddress, type ChannelAddress } from '../../src/channel-address.ts';
import type { Token } from '../../src/commands/command-line.ts';
import { findCommand } from '../../src/commands/parse.ts';
import type { CommandDef, OptionDef, SubcommandDef } from '../../src/commands/types.ts';
import { PaperclubError } from '../../src/errors.ts';
import { clip } from '../../src/text/clip.ts';
import { isDoubleQuote, isSingleQuote } from '../../src/text/normalize.ts';

/** Options every command takes: where it acts, as whom, and how it answers. */
export const GLOBAL_OPTIONS = {
  channel: { type: 'string', value: '<address>', description: 'The channel a command acts on: slack:<team>/<channel>, discord:<guild>/<channel> or console:<name>' },
  'as-admin': { type: 'boolean', description: "Act as the channel's admin (needed by commands that change its settings)" },
  as: { type: 'string', value: '<member>', description: "Act as this member of the channel: the club records votes, claims and questions under this id" },
  json: { type: 'boolean', description: 'Print the answer as JSON (shapes in docs/cli.md)' },
  share: { type: 'boolean', description: 'Also post the answer into --channel for everyone, as Share in channel does' },
  help: { type: 'boolean', short: 'h', description: "This help, or one command's" },
} as const;

type GlobalName = keyof typeof GLOBAL_OPTIONS;

export interface GlobalFlags {
  channel: ChannelAddress | null;
  /** `--as <member>`: the member the command acts as (the operator by default). */
  as: string | null;
  asAdmin: boolean;
  json: boolean;
  share: boolean;
}

export type CliInvocation =
  | { kind: 'version' }
  | { kind: 'help'; path: string[] }
  | {
      kind: 'run';
      path: string[];
      def: SubcommandDef;
      globals: GlobalFlags;
      /** Options given by name, raw (checked by bindArguments). */
      flags: Record<string, string | boolean>;
      /** Positional words, as the core's tokens. */
      positional: Token[];
      /** `-` in place of the text argument: one invocation per stdin line. */
      stdin: boolean;
    };

function fail(message: string, context: Record<string, unknown> = {}): never {
  throw new PaperclubError('bad_arguments', message, context);
}

const isWord = (arg: string) => arg === '-' || !arg.startsWith('-');
/** `-survey`, `-cat:cs.CV`, `-1`: a word that starts with one dash (topic exclusions, numbers), not an option. */
const isDashWord = (arg: string) => /^-[^-]/.test(arg) && arg !== '-h';

/**
 * Where the command's name is: the first words that are not options. Only the global options may come
 * before it (`paperclub --json search lora`); their values are skipped.
 */
function splitPath(commands: readonly CommandDef[], argv: readonly string[]): { pathIndexes: number[]; pathWords: string[] } {
  const pathIndexes: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (!isWord(arg)) {
      if (arg === '--channel' || arg === '--as') i++;
      if (pathIndexes.length > 0) break;
      continue;
    }
    pathIndexes.push(i);
    const top = commands.find((c) => c.name === argv[pathIndexes[0]!]!.toLowerCase());
    if (top?.kind !== 'group' || pathIndexes.length === 2) break;
  }
  return { pathIndexes, pathWords: pathIndexes.map((i) => argv[i]!) };
}

/**
 * How a positional word reads as command text. The shell has already removed the user's quotes, so a
 * word with spaces was a quoted phrase: it is quoted again (`mixture of experts` → `"mixture of experts"`,
 * `au:Tri Dao` → `au:"Tri Dao"`), and `topics add "mixture of experts"` means the phrase, as in chat.
 */
export function requote(word: string): string {
  if (!/\s/.test(word) || [...word].some((ch) => isDoubleQuote(ch) || isSingleQuote(ch))) return word;
  const m = /^([-+]?(?:[A-Za-z]+:)?)(.*)$/s.exec(word)!;
  return `${m[1]}"${m[2]}"`;
}

function parseOptions(def: SubcommandDef): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(GLOBAL_OPTIONS)) options[name] = { type: spec.type, ...('short' in spec ? { short: spec.short } : {}) };
  for (const option of def.options) options[option.name] = { type: option.type === 'boolean' ? 'boolean' : 'string' };
  return options;
}

function optionNames(def: SubcommandDef): string {
  return [...def.options.map((o) => `--${o.name}`), ...Object.keys(GLOBAL_OPTIONS).map((n) => `--${n}`)].join(', ');
}

function valueHint(option: OptionDef | undefined): string {
  if (option?.choices) return `: one of ${option.choices.join(', ')}`;
  if (option?.type === 'integer') return ': a whole number';
  return '';
}

export function parseInvocation(commands: readonly CommandDef[], argv: readonly string[]): CliInvocation {
  if (argv.length === 1 && argv[0] === '--version') return { kind: 'version' };
  const { pathIndexes, pathWords } = splitPath(commands, argv);
  const wantsHelp = argv.some((arg, i) => (arg === '--help' || arg === '-h') && !pathIndexes.includes(i));
  if (pathWords.length === 0) {
    if (argv.includes('--version')) return { kind: 'version' };
    if (argv.length === 0 || wantsHelp) return { kind: 'help', path: [] };
    return fail(`give a command first, e.g. "paperclub search lora"; "${clip(argv.join(' '), 40)}" is only options`);
  }
  if (pathWords[0]!.toLowerCase() === 'help') {
    return { kind: 'help', path: argv.filter((arg, i) => i > pathIndexes[0]! && isWord(arg)).map((w) => w.toLowerCase()) };
  }
  if (wantsHelp) return { kind: 'help', path: pathWords.map((w) => w.toLowerCase()) };

  const { path, def } = findCommand(commands, pathWords);
  const commandName = path.join(' ');
  const rest = argv.filter((_, i) => !pathIndexes.includes(i));
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: rest, options: parseOptions(def), strict: false, allowPositionals: true, tokens: true }));
  } catch (error) {
    return fail(`cannot read the options of \`${commandName}\`: ${(error as Error).message}`);
  }

  const flags: Record<string, string | boolean> = {};
  const globals: GlobalFlags = { channel: null, as: null, asAdmin: false, json: false, share: false };
  const positionalAt = new Map<number, string>();
  let terminated = false;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') {
      terminated = true;
      continue;
    }
    if (token.kind === 'positional') {
      positionalAt.set(token.index, token.value);
      continue;
    }
    const raw = rest[token.index]!;
    if (!terminated && token.rawName.startsWith('-') && !token.rawName.startsWith('--') && isDashWord(raw)) {
      positionalAt.set(token.index, raw);
      continue;
    }
    const name = token.name;
    const option = def.options.find((o) => o.name === name);
    const global = (GLOBAL_OPTIONS as Record<string, (typeof GLOBAL_OPTIONS)[GlobalName] | undefined>)[name];
    if (!option && !global) fail(`\`${commandName}\` has no option \`${clip(token.rawName, 30)}\`; its options are ${optionNames(def)}`, { command: commandName });
    const type = option ? (option.type === 'boolean' ? 'boolean' : 'string') : global!.type;
    let value: string | boolean;
    if (type === 'boolean') {
      if (token.inlineValue) fail(`\`${token.rawName}\` is a switch: give it alone, without a value`, { command: commandName });
      value = true;
    } else {
      // Without strict mode parseArgs takes the next argument even when it is another option.
      const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('--'));
      if (missing) fail(`\`${token.rawName}\` needs a value${valueHint(option)}`, { command: commandName });
      value = token.value!;
    }
    if (name in flags || (global && ((name === 'channel' && globals.channel) || (name === 'as' && globals.as)))) fail(`\`${token.rawName}\` is given twice`, { command: commandName });
    if (option) flags[name] = value;
    else if (name === 'channel') globals.channel = channelAddress(String(value));
    else if (name === 'as') globals.as = memberId(String(value));
    else if (name === 'as-admin') globals.asAdmin = true;
    else if (name === 'json') globals.json = true;
    else if (name === 'share') globals.share = true;
  }

  const words = [...positionalAt.entries()].sort(([a], [b]) => a - b).map(([, word]) => word);
  const restOption = def.options.find((o) => o.rest);
  const stdin = words.length === 1 && words[0] === '-' && restOption !== undefined && flags[restOption.name] === undefined;
  const positional: Token[] = stdin ? [] : words.map((word) => ({ value: word, raw: requote(word), quoted: /\s/.test(word) }));
  return { kind: 'run', path, def, globals, flags, positional, stdin };
}

function channelAddress(text: string): ChannelAddress {
  const parsed = parseChannelAddress(text);
  if (!parsed.ok) fail(parsed.error);
  return parsed.value;
}

/** A member id as platforms write them (Slack U…, Discord snowflakes, console names): one short word. */
function memberId(text: string): string {
  const id = text.trim();
  if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(id)) fail(`"${clip(id, 30)}" is not a member id: give the member's user id (e.g. U012AB3CD on Slack), letters, digits, . _ - @ only`);
  return id;
}
