/**
 * Text form → (path, definition, arguments). Used by Slack and the console, and by every button.
 *   search lora --page 2        flags by name, anywhere after the command
 *   cite "attention is all you need" apa
 *   topics add moe OR "sparse experts"   a rest option keeps the text as typed
 */
import { PaperclubError, isPaperclubError } from '../errors.ts';
import { checkArgs, claimsWord } from './args.ts';
import { clip } from '../text/clip.ts';
import { tokenize, type Token } from './command-line.ts';
import { closest } from './suggest.ts';
import type { CommandDef, ParsedArgs, SubcommandDef } from './types.ts';

export type ParsedCommandLine = { ok: true; path: string[]; def: SubcommandDef; args: ParsedArgs } | { ok: false; error: string };

const PREFIX = /^\/?paper$/i;
const FLAG = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/is;

/** Every runnable path (`search`, `club add`, …), for suggestions and help. */
export function commandPaths(commands: readonly CommandDef[]): string[][] {
  return commands.flatMap((c) => (c.kind === 'group' ? c.subcommands.map((s) => [c.name, s.name]) : [[c.name]]));
}

/** Looks up a path; throws `unknown_command` with a suggestion when there is no such command. */
export function findCommand(commands: readonly CommandDef[], path: readonly string[]): { path: string[]; def: SubcommandDef } {
  const [first = '', second] = path.map((p) => p.toLowerCase());
  const top = commands.find((c) => c.name === first);
  if (!top) {
    const near = closest(first, commands.map((c) => c.name));
    const hint = near ? `Did you mean \`${near}\`?` : `To look for a paper, try \`search ${clip(path.join(' '), 40)}\`.`;
    throw new PaperclubError('unknown_command', `There is no \`${clip(first, 30)}\` command. ${hint}`, { path });
  }
  if (top.kind === 'subcommand') return { path: [top.name], def: top };
  const names = top.subcommands.map((s) => s.name);
  if (second === undefined || second === '') {
    throw new PaperclubError('unknown_command', `\`${top.name}\` needs one of: ${names.map((n) => `\`${top.name} ${n}\``).join(', ')}.`, { path });
  }
  const sub = top.subcommands.find((s) => s.name === second);
  if (!sub) {
    const near = closest(second, names);
    const hint = near ? `Did you mean \`${top.name} ${near}\`?` : `Choose one of: ${names.join(', ')}.`;
    throw new PaperclubError('unknown_command', `There is no \`${top.name} ${clip(second, 30)}\` command. ${hint}`, { path });
  }
  return { path: [top.name, sub.name], def: sub };
}

function fail(message: string): never {
  throw new PaperclubError('bad_arguments', message);
}

/** Splits flags (`--page 2`, `--format=apa`) from positional words. */
function splitFlags(def: SubcommandDef, commandName: string, words: Token[]): { flags: ParsedArgs; positional: Token[] } {
  const flags: ParsedArgs = {};
  const positional: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const m = word.quoted ? null : FLAG.exec(word.value);
    if (!m) {
      positional.push(word);
      continue;
    }
    const name = m[1]!.toLowerCase();
    const option = def.options.find((o) => o.name === name);
    if (!option) {
      const names = def.options.map((o) => `--${o.name}`);
      fail(`\`${commandName}\` has no option \`--${clip(name, 20)}\`${names.length > 0 ? `; its options are ${names.join(', ')}` : ''}.`);
    }
    let value: string | boolean | undefined = m[2];
    if (value === undefined && option.type === 'boolean') value = true;
    if (value === undefined) {
      const next = words[i + 1];
      if (next === undefined) fail(`\`--${name}\` needs a value.`);
      value = next.value;
      i++;
    }
    if (flags[name] !== undefined) fail(`\`--${name}\` is given twice.`);
    flags[name] = value;
  }
  return { flags, positional };
}

/**
 * Fills options in order from positional words; the rest option takes what is left, as typed, except
 * trailing words that later options claim (a choice, or a number for a `trailing` option). A rest
 * made only of empty quotes (`search ""`) is no value at all, so a required one is reported missing.
 */
function assignPositional(def: SubcommandDef, commandName: string, flags: ParsedArgs, positional: Token[]): ParsedArgs {
  const args: ParsedArgs = { ...flags };
  // Switches are only ever given by name.
  const open = def.options.filter((o) => args[o.name] === undefined && o.type !== 'boolean');
  const words = [...positional];
  const restIndex = open.findIndex((o) => o.rest);
  const before = restIndex < 0 ? open : open.slice(0, restIndex);
  for (const option of before) {
    const word = words.shift();
    if (word === undefined) break;
    args[option.name] = word.value;
  }
  if (restIndex >= 0) {
    const rest = open[restIndex]!;
    // Later options claim trailing words that are one of their choices, from the end backwards.
    for (const option of open.slice(restIndex + 1).reverse()) {
      const last = words.at(-1);
      const fills = (word: Token) => claimsWord(option, word.value) || (option.trailing === true && /^[+-]?\d+$/.test(word.value));
      if (words.length > 1 && last && !last.quoted && fills(last)) {
        args[option.name] = last.value;
        words.pop();
      }
    }
    if (words.some((w) => w.value.trim() !== '')) args[rest.name] = words.map((w) => w.raw).join(' ');
    return args;
  }
  if (words.length > 0) {
    fail(`\`${commandName}\` takes ${open.length === 0 ? 'no more words' : 'fewer words'}; "${clip(words.map((w) => w.raw).join(' '), 40)}" is extra. Quote a phrase to keep it together.`);
  }
  return args;
}

/**
 * Binds words already split into flags (by name) and positional words (in order) to a definition's
 * options, then checks them: the text parser below and the CLI's argv parser share it.
 */
export function bindArguments(path: readonly string[], def: SubcommandDef, flags: ParsedArgs, positional: Token[]): ParsedArgs {
  return checkArgs(path, def, assignPositional(def, path.join(' '), flags, positional));
}

/** Like parseCommandLine, but throws PaperclubError (unknown_command / bad_arguments). Empty text → help. */
export function parseOrThrow(commands: readonly CommandDef[], text: string): { path: string[]; def: SubcommandDef; args: ParsedArgs } {
  const tokens = tokenize(text);
  if (tokens[0] && !tokens[0].quoted && PREFIX.test(tokens[0].value)) tokens.shift();
  if (tokens.length === 0) return { ...findCommand(commands, ['help']), args: {} };
  const top = commands.find((c) => c.name === tokens[0]!.value.toLowerCase());
  const pathWords = top?.kind === 'group' ? tokens.slice(0, 2) : tokens.slice(0, 1);
  const { path, def } = findCommand(commands, pathWords.map((t) => t.value));
  const commandName = path.join(' ');
  const { flags, positional } = splitFlags(def, commandName, tokens.slice(pathWords.length));
  return { path, def, args: bindArguments(path, def, flags, positional) };
}

export function parseCommandLine(commands: readonly CommandDef[], text: string): ParsedCommandLine {
  try {
    return { ok: true, ...parseOrThrow(commands, text) };
  } catch (error) {
    if (isPaperclubError(error)) return { ok: false, error: error.message };
    throw error;
  }
}
