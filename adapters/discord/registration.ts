/**
 * The `/paper` application command, generated from the same CommandDefs that drive Slack and the
 * console, so the three can never drift apart. Validated against Discord's rules before anything is
 * sent: a bad definition fails at startup (and in `npm run discord:register --dry-run`), not in Discord.
 *
 * Permissions: `default_member_permissions` is null, so everyone in the guild sees /paper (everyone may
 * search, show and cite). Admin-only subcommands (topics, club, digest changes) cannot be hidden per
 * subcommand in Discord, and guild admins can override command permissions under Integrations anyway,
 * so the handler re-checks Manage Channels on every invocation instead.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, ApplicationIntegrationType } from 'discord-api-types/v10';
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandGroupOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandDef, OptionDef, SubcommandDef } from '../../src/commands/types.ts';
import { PaperclubError } from '../../src/errors.ts';
import { truncate } from './truncate.ts';

export const PAPER_COMMAND = 'paper';
export const PAPER_DESCRIPTION = "Search, show and cite papers, and run the club's reading queue";

export const COMMAND_LIMITS = {
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** A string option's max_length: 1-6000. */
  maxLength: 6000,
  /** Combined name, description and choice characters of one command. */
  total: 4000,
} as const;

/** Discord's name rule for chat input commands and options, lowercase only. */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function description(text: string, fallback: string): string {
  const d = truncate(text, COMMAND_LIMITS.description);
  return d === '' ? fallback : d;
}

export type PaperCommandPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;

function basicOption(option: OptionDef): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: description(option.description, option.name), required: option.required };
  if (option.type === 'integer') {
    return {
      ...base,
      type: ApplicationCommandOptionType.Integer,
      ...(option.choices ? { choices: option.choices.map((c) => ({ name: c, value: Number(c) })) } : {}),
      ...(option.autocomplete ? { autocomplete: true } : {}),
      ...(option.min !== undefined ? { min_value: option.min } : {}),
      ...(option.max !== undefined ? { max_value: option.max } : {}),
    } as APIApplicationCommandBasicOption;
  }
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(option.choices ? { choices: option.choices.map((c) => ({ name: c, value: c })) } : {}),
    ...(option.autocomplete ? { autocomplete: true } : {}),
    // The same limit the core checks for typed text (Slack, console); Discord enforces it as you type.
    ...(option.maxLength !== undefined ? { max_length: option.maxLength } : {}),
  } as APIApplicationCommandBasicOption;
}

function subcommand(def: SubcommandDef): APIApplicationCommandSubcommandOption {
  // Discord requires required options before optional ones; args are matched by name, so order is free.
  const options = [...def.options].sort((a, b) => Number(b.required) - Number(a.required)).map(basicOption);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: def.name,
    description: description(def.description, def.name),
    ...(options.length > 0 ? { options } : {}),
  };
}

/** The /paper command JSON, unvalidated. Use `paperCommandPayload` for the checked version. */
export function buildPaperCommand(commands: readonly CommandDef[]): PaperCommandPayload {
  const options = commands.map((def): APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption =>
    def.kind === 'group'
      ? {
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: def.name,
          description: description(def.description, def.name),
          options: def.subcommands.map(subcommand),
        }
      : subcommand(def),
  );
  return {
    type: ApplicationCommandType.ChatInput,
    name: PAPER_COMMAND,
    description: PAPER_DESCRIPTION,
    options,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: null,
  };
}

interface Checkable {
  name: string;
  description?: string;
  type?: number;
  required?: boolean;
  autocomplete?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  max_length?: number;
  options?: Checkable[];
}

/** Every rule broken by the payload, as readable paths ("paper club add: ..."); empty when valid. */
export function validatePaperCommand(payload: PaperCommandPayload): string[] {
  const problems: string[] = [];
  let total = 0;
  const seen = (path: string, names: string[]) => {
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    if (dupes.length > 0) problems.push(`${path}: duplicate option names ${[...new Set(dupes)].join(', ')}`);
  };
  const visit = (node: Checkable, path: string, depth: number) => {
    total += node.name.length + (node.description?.length ?? 0);
    if (!NAME.test(node.name)) problems.push(`${path}: name "${node.name}" must be 1-32 lowercase letters, digits, - or _`);
    const d = node.description ?? '';
    if (d.length < 1 || d.length > COMMAND_LIMITS.description) problems.push(`${path}: description must be 1-100 characters (has ${d.length})`);
    if (node.choices) {
      if (node.choices.length > COMMAND_LIMITS.choices) problems.push(`${path}: ${node.choices.length} choices (at most 25)`);
      if (node.autocomplete) problems.push(`${path}: cannot have both choices and autocomplete`);
      for (const choice of node.choices) {
        total += choice.name.length + String(choice.value).length;
        if (choice.name.length < 1 || choice.name.length > COMMAND_LIMITS.choiceName) problems.push(`${path}: choice "${choice.name}" must be 1-100 characters`);
        if (typeof choice.value === 'string' && choice.value.length > COMMAND_LIMITS.choiceValue) problems.push(`${path}: choice value "${choice.value}" is over 100 characters`);
        if (typeof choice.value === 'number' && !Number.isInteger(choice.value)) problems.push(`${path}: choice "${choice.name}" is not an integer`);
      }
    }
    if (node.max_length !== undefined && !(Number.isInteger(node.max_length) && node.max_length >= 1 && node.max_length <= COMMAND_LIMITS.maxLength)) {
      problems.push(`${path}: max_length must be a whole number from 1 to ${COMMAND_LIMITS.maxLength} (has ${node.max_length})`);
    }
    const options = node.options ?? [];
    if (options.length > COMMAND_LIMITS.options) problems.push(`${path}: ${options.length} options (at most 25)`);
    seen(path, options.map((o) => o.name));
    const nested = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup);
    if (nested.length > 0 && nested.length !== options.length) problems.push(`${path}: cannot mix subcommands with plain options`);
    let optionalSeen = false;
    for (const option of options) {
      const child = `${path} ${option.name}`;
      if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
        if (depth !== 0) problems.push(`${child}: subcommand groups can only sit directly under the command`);
        if ((option.options ?? []).some((o) => o.type !== ApplicationCommandOptionType.Subcommand)) problems.push(`${child}: a group may only contain subcommands`);
        if ((option.options ?? []).length === 0) problems.push(`${child}: a group needs at least one subcommand`);
      } else if (option.type === ApplicationCommandOptionType.Subcommand) {
        if ((option.options ?? []).some((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup)) {
          problems.push(`${child}: a subcommand cannot contain subcommands`);
        }
      } else if (option.type === ApplicationCommandOptionType.String || option.type === ApplicationCommandOptionType.Integer) {
        if (option.required && optionalSeen) problems.push(`${child}: required options must come before optional ones`);
        if (!option.required) optionalSeen = true;
      } else {
        problems.push(`${child}: unsupported option type ${String(option.type)}`);
      }
      visit(option, child, depth + 1);
    }
  };
  visit(payload as Checkable, `/${payload.name}`, 0);
  if (total > COMMAND_LIMITS.total) problems.push(`/${payload.name}: ${total} characters of names, descriptions and choices (at most 4000)`);
  return problems;
}

/** The checked /paper command; throws `config_invalid` listing every problem. */
export function paperCommandPayload(commands: readonly CommandDef[]): PaperCommandPayload {
  const payload = buildPaperCommand(commands);
  const problems = validatePaperCommand(payload);
  if (problems.length > 0) {
    throw new PaperclubError('config_invalid', `The /paper command cannot be registered with Discord:\n  ${problems.join('\n  ')}`, { problems });
  }
  return payload;
}

/** The body of the bulk-overwrite PUT: exactly our one command (others the app had are removed). */
export function registrationBody(commands: readonly CommandDef[]): PaperCommandPayload[] {
  return [paperCommandPayload(commands)];
}
