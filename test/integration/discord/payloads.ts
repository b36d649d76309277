/**
 * Interaction payloads built from the recorded fixtures in test/fixtures/discord (files unchanged).
 * Re-shaped in code only where needed: our /paper command and options, a fresh id and token (the
 * captured token is empty), and member permissions when a test needs a non-admin.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { CommandDef, OptionDef } from '../../../src/commands/types.ts';
import { parseCommandLine } from '../../../src/commands/dispatch.ts';
import { tokenize } from '../../../src/commands/command-line.ts';

type Json = Record<string, unknown>;

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(`../../fixtures/discord/${name}`, import.meta.url), 'utf8')) as Json;
}

export const CAPTURED_COMMAND = 'application_command.string-option.captured.botfactory.json';
export const DOCS_COMMAND = 'application_command.string-option.discord-docs.json';
export const GROUP_COMMAND = 'application_command.subcommand-group.disgo.json';
export const BUTTON = 'message_component.button.discord-docs.json';
export const SELECT = 'message_component.string-select.discord-docs.json';

/** SEND_MESSAGES | VIEW_CHANNEL | USE_APPLICATION_COMMANDS: a member without Manage Channels. */
export const MEMBER_PERMISSIONS = String((1n << 11n) | (1n << 10n) | (1n << 31n));

let counter = 0;
function freshIdentity(): { id: string; token: string } {
  counter += 1;
  return { id: String(1_219_046_254_009_651_331n + BigInt(counter)), token: `tok_${randomBytes(24).toString('base64url')}` };
}

export interface DataOption {
  name: string;
  type: number;
  value?: string | number;
  focused?: boolean;
  options?: DataOption[];
}

/** Who clicks or types, and where, when a test needs other than the captured member and channel. */
export interface PayloadOptions {
  admin?: boolean;
  /** The member acting (several members in one channel). */
  member?: { id: string; name: string };
  /** The guild and channel (the captured button fixture comes from another channel than the command). */
  where?: { guildId: string; channelId: string };
}

function reshape(payload: Json, options: PayloadOptions): Json {
  const member = payload.member as Json;
  if (options.admin === false) member.permissions = MEMBER_PERMISSIONS;
  if (options.member) {
    member.nick = null;
    member.user = { ...(member.user as Json), id: options.member.id, username: options.member.name, global_name: options.member.name };
  }
  if (options.where) {
    payload.guild_id = options.where.guildId;
    payload.channel_id = options.where.channelId;
    if (payload.channel && typeof payload.channel === 'object') payload.channel = { ...(payload.channel as Json), id: options.where.channelId, guild_id: options.where.guildId };
  }
  return payload;
}

/** The captured envelope with new data; `admin: false` takes Manage Channels and Administrator away. */
export function envelope(base: string, type: number, data: Json, options: PayloadOptions = {}): Json {
  const payload = fixture(base);
  Object.assign(payload, freshIdentity(), { type, data });
  return reshape(payload, options);
}

/** `path` + typed options → the nested options Discord sends for /paper. */
export function paperOptions(path: readonly string[], values: DataOption[]): DataOption[] {
  if (path.length === 0) return values;
  const [first, second] = path;
  const sub: DataOption = { name: second ?? first!, type: 1, options: values };
  return second === undefined ? [sub] : [{ name: first!, type: 2, options: [sub] }];
}

export function slashCommand(path: readonly string[], values: DataOption[] = [], options: PayloadOptions = {}): Json {
  const captured = fixture(CAPTURED_COMMAND).data as Json;
  return envelope(CAPTURED_COMMAND, 2, { ...captured, name: 'paper', type: 1, options: paperOptions(path, values) }, options);
}

export function autocomplete(path: readonly string[], optionName: string, partial: string): Json {
  const data = fixture('autocomplete.partial.discord-docs.json').data as Json;
  return envelope(CAPTURED_COMMAND, 4, {
    ...data,
    name: 'paper',
    options: paperOptions(path, [{ name: optionName, type: 3, value: partial, focused: true }]),
  });
}

export function buttonClick(customId: string, options: PayloadOptions = {}): Json {
  const payload = fixture(BUTTON);
  Object.assign(payload, freshIdentity());
  payload.data = { ...(payload.data as Json), custom_id: customId };
  return reshape(payload, options);
}

/**
 * Text such as `search lora --page 2` → the structured payload Discord would send for it: subcommand
 * path plus options typed per the registered definition. Text Discord's client would never let through
 * (an unknown subcommand, a missing required option) becomes the closest payload: the words as the
 * path and no options, so the handler still has to answer it.
 */
export function textToOptions(commands: readonly CommandDef[], text: string): { path: string[]; values: DataOption[] } {
  const parsed = parseCommandLine(commands, text);
  if (parsed.ok) {
    const values: DataOption[] = [];
    for (const option of parsed.def.options) {
      const value = parsed.args[option.name];
      if (value === undefined) continue;
      values.push({ name: option.name, type: option.type === 'integer' ? 4 : 3, value: typed(option, value) });
    }
    return { path: parsed.path, values };
  }
  const words = tokenize(text)
    .map((t) => t.value)
    .filter((w) => !/^\/?paper$/i.test(w));
  const top = commands.find((c) => c.name === words[0]?.toLowerCase());
  const path = top?.kind === 'group' && words[1] ? words.slice(0, 2) : words.slice(0, 1);
  return { path: path.map((p) => p.toLowerCase().slice(0, 32)), values: [] };
}

function typed(option: OptionDef, value: string | number | boolean): string | number {
  if (option.type !== 'integer') return String(value);
  const n = Number(value);
  return Number.isInteger(n) ? n : String(value);
}
