/**
 * Checks and normalises one invocation's arguments against its definition, whichever way they
 * arrived (Slack/console text, Discord's typed options): required, integer, choices, ranges, length.
 */
import { PaperclubError } from '../errors.ts';
import { clip } from '../text/clip.ts';
import type { ArgValue, OptionDef, ParsedArgs, SubcommandDef } from './types.ts';

function fail(message: string, context: Record<string, unknown> = {}): never {
  throw new PaperclubError('bad_arguments', message, context);
}

/** The choice a word names: a choice itself or one of its aliases, in any case. */
export function matchChoice(option: OptionDef, word: string): string | undefined {
  const wanted = word.trim().toLowerCase();
  const choice = option.choices?.find((c) => c.toLowerCase() === wanted);
  if (choice !== undefined) return choice;
  const alias = Object.entries(option.aliases ?? {}).find(([name]) => name.toLowerCase() === wanted)?.[1];
  return alias !== undefined && option.choices?.includes(alias) ? alias : undefined;
}

/** Whether a trailing word is meant for this option: a choice, an alias, or a name it refuses (`mla`). */
export function claimsWord(option: OptionDef, word: string): boolean {
  const wanted = word.trim().toLowerCase();
  return matchChoice(option, word) !== undefined || (option.refused ?? []).some((r) => r.toLowerCase() === wanted);
}

function checkOne(commandName: string, option: OptionDef, value: ArgValue): ArgValue {
  if (option.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    const word = String(value).trim().toLowerCase();
    if (word === 'true' || word === 'yes') return true;
    if (word === 'false' || word === 'no') return false;
    fail(`\`--${option.name}\` is a switch: give it alone, without a value.`, { option: option.name });
  }
  if (option.type === 'integer') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n)) fail(`\`${option.name}\` must be a whole number, not "${clip(String(value), 20)}".`, { option: option.name });
    if (option.min !== undefined && n < option.min) fail(`\`${option.name}\` must be at least ${option.min}.`, { option: option.name });
    if (option.max !== undefined && n > option.max) fail(`\`${option.name}\` must be at most ${option.max}.`, { option: option.name });
    return n;
  }
  const text = String(value).trim();
  if (text === '') fail(`\`${commandName}\` needs a ${option.name}: ${option.description}.`, { option: option.name });
  if (option.maxLength !== undefined && text.length > option.maxLength) {
    fail(`That ${option.name} is ${text.length.toLocaleString('en-US')} characters long; keep it to ${option.maxLength} or fewer.`, {
      option: option.name,
    });
  }
  if (option.choices) {
    const match = matchChoice(option, text);
    if (match === undefined) fail(`"${clip(text, 30)}" is not a ${option.name}; choose one of: ${option.choices.join(', ')}.`, { option: option.name });
    return match;
  }
  return text;
}

export function checkArgs(path: readonly string[], def: SubcommandDef, raw: ParsedArgs): ParsedArgs {
  const commandName = path.join(' ');
  const known = new Set(def.options.map((o) => o.name));
  const unknown = Object.keys(raw).filter((name) => !known.has(name) && raw[name] !== undefined);
  if (unknown.length > 0) fail(`\`${commandName}\` has no option ${unknown.map((u) => `\`${clip(u, 20)}\``).join(', ')}.`);
  const args: ParsedArgs = {};
  for (const option of def.options) {
    const value = raw[option.name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '' && !option.required)) {
      if (option.required && option.type === 'boolean') fail(`\`${commandName}\` needs \`--${option.name}\`: ${option.description}.`, { option: option.name });
      if (option.required) fail(`\`${commandName}\` needs a ${option.name}: ${option.description}.`, { option: option.name });
      continue;
    }
    args[option.name] = checkOne(commandName, option, value);
  }
  return args;
}
