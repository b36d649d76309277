/**
 * Startup checks on the command list: a mistake here would break the Discord registration payload
 * or make a command unreachable, so it throws before any adapter starts.
 */
import type { CommandDef, SubcommandDef } from './types.ts';

// Discord's rules for command and option names and descriptions.
const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_DESCRIPTION = 100;

function checkSubcommand(path: string, def: SubcommandDef): void {
  const operatorOnly = def.audience === 'operator';
  const optionNames = new Set<string>();
  let sawRest = false;
  let sawOptional = false;
  for (const option of def.options) {
    const where = `${path} --${option.name}`;
    if (!NAME.test(option.name)) throw new Error(`Option name "${where}" must be 1-32 lowercase letters, digits or dashes`);
    if (optionNames.has(option.name)) throw new Error(`Duplicate option "${where}"`);
    optionNames.add(option.name);
    if (option.description.length < 1 || option.description.length > MAX_DESCRIPTION) throw new Error(`Description of "${where}" must be 1-${MAX_DESCRIPTION} characters`);
    if (option.required && sawOptional) throw new Error(`Required option "${where}" must come before optional ones`);
    if (!option.required) sawOptional = true;
    // Discord has no place for a switch in /paper, and chat text never needs one: switches are the CLI's.
    if (option.type === 'boolean' && !operatorOnly && option.audience !== 'operator') {
      throw new Error(`Switch "${where}" must be an operator option (audience: 'operator')`);
    }
    for (const [alias, target] of Object.entries(option.aliases ?? {})) {
      if (!option.choices?.includes(target)) throw new Error(`Alias "${alias}" of "${where}" names "${target}", which is not one of its choices`);
    }
    if (option.trailing && (option.type !== 'integer' || !sawRest)) throw new Error(`Trailing option "${where}" must be an integer after the rest option`);
    if (option.rest) {
      if (sawRest) throw new Error(`"${path}" has more than one rest option`);
      if (option.type !== 'string') throw new Error(`Rest option "${where}" must be a string`);
      sawRest = true;
    }
  }
}

export function validateCommands<T extends readonly CommandDef[]>(commands: T): T {
  const names = new Set<string>();
  for (const command of commands) {
    if (!NAME.test(command.name)) throw new Error(`Command name "${command.name}" must be 1-32 lowercase letters, digits or dashes`);
    if (names.has(command.name)) throw new Error(`Duplicate command name "${command.name}"`);
    names.add(command.name);
    if (command.description.length < 1 || command.description.length > MAX_DESCRIPTION) {
      throw new Error(`Description of "${command.name}" must be 1-${MAX_DESCRIPTION} characters`);
    }
    if (command.kind === 'subcommand') {
      checkSubcommand(command.name, command);
      continue;
    }
    if (command.subcommands.length === 0) throw new Error(`Group "${command.name}" has no subcommands`);
    const subNames = new Set<string>();
    for (const sub of command.subcommands) {
      const path = `${command.name} ${sub.name}`;
      if (!NAME.test(sub.name)) throw new Error(`Command name "${path}" must be 1-32 lowercase letters, digits or dashes`);
      if (subNames.has(sub.name)) throw new Error(`Duplicate command name "${path}"`);
      subNames.add(sub.name);
      if (sub.description.length < 1 || sub.description.length > MAX_DESCRIPTION) throw new Error(`Description of "${path}" must be 1-${MAX_DESCRIPTION} characters`);
      checkSubcommand(path, sub);
    }
  }
  return commands;
}
