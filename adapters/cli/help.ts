/**
 * `paperclub --help` and `paperclub help <command>`, generated from the command definitions (the
 * same ones chat's /paper help reads), so a command can never be missing from the help or documented
 * without existing.
 */
import { describeCommands, type CommandDescription } from '../../src/commands/help-text.ts';
import { findCommand } from '../../src/commands/parse.ts';
import type { CommandDef, OptionDef } from '../../src/commands/types.ts';
import { GLOBAL_OPTIONS } from './argv.ts';

export const PROGRAM = 'paperclub';
/** The channel in examples of commands that act on one. */
export const EXAMPLE_CHANNEL = 'slack:T0123/C0456';

/** A command's usage at the shell: the chat usage, plus what a channel command needs here. */
export function cliUsage(d: CommandDescription, program = true): string {
  const parts = program ? [PROGRAM, d.usage] : [d.usage];
  if (d.def.scope === 'channel') parts.push('--channel <address>');
  if (d.admin) parts.push('--as-admin');
  return parts.join(' ');
}

/** An example from the definition, as typed at the shell. */
export function cliExample(d: CommandDescription, example: string): string {
  const parts = [PROGRAM, example];
  if (d.def.scope === 'channel') parts.push(`--channel ${EXAMPLE_CHANNEL}`);
  if (d.admin) parts.push('--as-admin');
  return parts.join(' ');
}

function table(rows: Array<[string, string]>): string[] {
  const width = Math.min(44, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) => (left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`));
}

function globalRows(): Array<[string, string]> {
  return Object.entries(GLOBAL_OPTIONS).map(([name, spec]) => {
    const short = 'short' in spec ? `-${spec.short}, ` : '';
    const value = 'value' in spec ? ` ${spec.value}` : '';
    return [`${short}--${name}${value}`, spec.description];
  });
}

export function overviewHelp(commands: readonly CommandDef[], version: string): string {
  const all = describeCommands(commands).filter((d) => d.name !== 'help');
  const isOperator = (d: CommandDescription) => d.def.audience === 'operator';
  const lines = [
    `${PROGRAM} ${version}: the paper club's library, topics, digests and alerts, from the shell.`,
    '',
    `Usage: ${PROGRAM} <command> [arguments] [options]`,
    '',
    'Commands (the same as /paper in Slack, Discord and the console):',
    ...table(all.filter((d) => !isOperator(d)).map((d) => [cliUsage(d, false), d.description])),
    '',
    'Operator commands (only here):',
    ...table(all.filter(isOperator).map((d) => [cliUsage(d, false), d.description])),
    '',
    'Options for every command:',
    ...table([...globalRows(), ['--version', 'The version']]),
    '',
    `Commands that act on a channel need --channel; those that change its settings need --as-admin.`,
    `Run "${PROGRAM} help <command>" for a command's arguments and examples.`,
    'Configuration comes from the environment and .env (PAPERCLUB_SEEDS_DIR, REDIS_URL, LOG_LEVEL, ...).',
  ];
  return `${lines.join('\n')}\n`;
}

function optionRow(option: OptionDef, positional: boolean): [string, string] {
  const value = option.type === 'boolean' ? '' : ` <${option.name}>`;
  const name = positional && option.type !== 'boolean' ? `<${option.name}>, --${option.name}${value}` : `--${option.name}${value}`;
  const facts: string[] = [];
  if (option.choices) facts.push(`one of ${option.choices.join(', ')}`);
  const aliases = Object.keys(option.aliases ?? {});
  if (aliases.length > 0) facts.push(`also ${aliases.join(', ')}`);
  if (option.min !== undefined || option.max !== undefined) facts.push(`${option.min ?? '…'} to ${option.max ?? '…'}`);
  if (option.audience === 'operator') facts.push('only here, not in chat');
  return [name, `${option.description}${option.required ? '' : ' (optional)'}${facts.length > 0 ? `; ${facts.join('; ')}` : ''}`];
}

/** Help for one command, or for every subcommand of a group (`paperclub help topics`). */
export function commandHelp(commands: readonly CommandDef[], path: readonly string[]): string {
  const top = commands.find((c) => c.name === path[0]);
  // A group alone is every one of its subcommands; anything else must name one command.
  const wanted = top?.kind === 'group' && path.length === 1 ? top.name : findCommand(commands, path).path.join(' ');
  const chosen = describeCommands(commands).filter((d) => d.name === wanted || d.name.startsWith(`${wanted} `));
  const sections = chosen.map((d) => {
    const restIndex = d.options.findIndex((o) => o.rest);
    const rows = d.options.map((o, i) => optionRow(o, restIndex < 0 || i <= restIndex || o.choices !== undefined));
    const lines = [`Usage: ${cliUsage(d)}`, '', `${d.description}.${d.admin ? ' Changes the channel\'s settings: needs --as-admin.' : ''}`];
    if (d.def.audience === 'operator') lines.push('An operator command: not offered in chat.');
    if (rows.length > 0) lines.push('', 'Arguments and options:', ...table(rows));
    if (d.examples.length > 0) lines.push('', 'Examples:', ...d.examples.map((e) => `  ${cliExample(d, e)}`));
    return lines.join('\n');
  });
  const footer = ['', 'Options for every command:', ...table([...globalRows()])];
  return `${sections.join('\n\n')}\n${footer.join('\n')}\n`;
}
