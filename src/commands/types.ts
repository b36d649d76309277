/**
 * Commands as data: every /paper subcommand is defined once here-shaped and rendered for Slack,
 * Discord and the console from that definition, so the three can never drift apart.
 */
import type { ChannelAddress } from '../channel-address.ts';
import type { Logger } from '../log.ts';
import type { Message } from '../messages/message.ts';
import type { ArxivLookup, Clock, DigestScheduler } from '../ports.ts';
import type { Store } from '../store/types.ts';
import type { Library } from '../library/library.ts';
import type { SearchIndex } from '../search/search-index.ts';

export type OptionType = 'string' | 'integer';

export interface OptionDef {
  name: string;
  description: string;
  type: OptionType;
  required: boolean;
  /** A fixed set of values (rendered as Discord choices). */
  choices?: readonly string[];
  /** Offer paper ids/titles as you type (Discord autocomplete). */
  autocomplete?: 'paper';
  /**
   * In text form (Slack, console) this option takes the rest of the line, as typed (quotes kept).
   * At most one. Options after it are given as flags (`search lora --page 2`), except that a
   * trailing word matching one of an option's `choices` fills it (`cite attention is all you need apa`).
   */
  rest?: boolean;
  min?: number;
  max?: number;
  /** Longest accepted string value (Discord `max_length`), so a pasted page gets a clear answer. */
  maxLength?: number;
}

export type ArgValue = string | number;
export type ParsedArgs = Record<string, ArgValue | undefined>;

export interface Actor {
  id: string;
  name?: string;
  /** Computed by the adapter: Discord Manage Channels, Slack allow-list (everyone when the list is empty). */
  isAdmin: boolean;
}

/** The status the `status` command reports; gathered by whoever runs the jobs. */
export interface CommandServices {
  library: Library;
  search: SearchIndex;
  /** Channel state. When Redis is unavailable this store rejects with `storage_unavailable`. */
  store: Store;
  digests: DigestScheduler;
  clock: Clock;
  arxiv?: ArxivLookup;
}

export interface CommandContext {
  actor: Actor;
  channel: ChannelAddress;
  log: Logger;
  services: CommandServices;
}

export interface SubcommandDef {
  kind: 'subcommand';
  name: string;
  description: string;
  options: OptionDef[];
  examples: string[];
  /** Changes channel state: only channel admins may run it. */
  admin?: boolean;
  run(ctx: CommandContext, args: ParsedArgs): Promise<Message>;
}

export interface CommandGroupDef {
  kind: 'group';
  name: string;
  description: string;
  subcommands: SubcommandDef[];
}

export type CommandDef = SubcommandDef | CommandGroupDef;
