/**
 * Commands as data: every /paper subcommand and every operator command is defined once here-shaped
 * and rendered for Slack, Discord, the console and the operator CLI from that definition, so they can
 * never drift apart.
 */
import type { EnrichResult } from '../arxiv/enrich.ts';
import type { ChannelAddress } from '../channel-address.ts';
import type { Library } from '../library/library.ts';
import type { Logger } from '../log.ts';
import type { Message } from '../messages/message.ts';
import type { ArxivLookup, ClubAnnouncements, Clock, DigestScheduler, Metrics } from '../ports.ts';
import type { PaperSearch } from '../search/lazy-index.ts';
import type { Store } from '../store/types.ts';

/** `boolean` options are switches (`--force`); they exist only for operators at the CLI. */
export type OptionType = 'string' | 'integer' | 'boolean';

/**
 * Who is offered a command or an option. `everyone`: chat (Slack, Discord, the console) and the
 * operator CLI. `operator`: only the CLI; chat never lists, registers or parses it.
 */
export type Audience = 'everyone' | 'operator';

export interface OptionDef {
  name: string;
  description: string;
  type: OptionType;
  required: boolean;
  /** A fixed set of values (rendered as Discord choices). */
  choices?: readonly string[];
  /** Other accepted spellings of a choice, matched case-insensitively (`bib` → `bibtex`). */
  aliases?: Readonly<Record<string, string>>;
  /**
   * Words that name this option's kind of value without being a choice (`mla` for a citation format).
   * In text form a trailing one is taken as this option and refused with the choices, so it is never
   * read as part of the text before it.
   */
  refused?: readonly string[];
  /** Offer paper ids/titles as you type (Discord autocomplete). */
  autocomplete?: 'paper';
  /**
   * In text form (Slack, console, CLI) this option takes the rest of the line, as typed (quotes kept).
   * At most one. Options after it are given as flags (`search lora --page 2`), except that a
   * trailing word matching one of an option's `choices` fills it (`cite attention is all you need apa`).
   */
  rest?: boolean;
  /**
   * An integer option after the rest option that a trailing whole number fills in text form
   * (`club move qlora 2`), so it need not be given as a flag. Quote text that ends in a number.
   */
  trailing?: boolean;
  min?: number;
  max?: number;
  /** Longest accepted string value (Discord `max_length`), so a pasted page gets a clear answer. */
  maxLength?: number;
  /** Default `everyone`; an `operator` option exists only at the CLI (`status --all`). */
  audience?: Audience;
}

export type ArgValue = string | number | boolean;
export type ParsedArgs = Record<string, ArgValue | undefined>;

export interface Actor {
  id: string;
  name?: string;
  /** Computed by the adapter: Discord Manage Channels, Slack allow-list (everyone when the list is empty), CLI `--as-admin`. */
  isAdmin: boolean;
}

/** A poll run by an operator (`poll --once`): what was fetched, matched and posted. */
export interface PollOnceSummary {
  feeds: number;
  items: number;
  feedsNotModified: number;
  feedsFailed: number;
  matched: number;
  channels: number;
  /** Papers posted by this poll's deliveries (alerts and summary entries). */
  posted: number;
  /** Delivery jobs that failed for good. */
  failedDeliveries: number;
}

/** What `resume` did for a channel whose deliveries a permanent error had stopped. */
export interface ResumeResult {
  /** Why deliveries had stopped and since when, or null when they were not stopped. */
  stopped: { reason: string; since: string | null } | null;
  /** Papers the channel held back (while stopped, or still being retried), queued for delivery now. */
  heldBack: number;
  /** When the oldest of them was held back, ISO 8601; null when nothing was held. */
  oldestSince: string | null;
  /** Delivery workers running anywhere in the deployment; with none, the papers wait for one. */
  workersOnline: number;
}

/** Papers a channel holds until they are posted: blocked, or deliveries still retrying. */
export interface HeldBack {
  papers: number;
  /** When the oldest was held back, ISO 8601; null when nothing is held. */
  oldestSince: string | null;
}

/** What the job runner can tell about a channel's deliveries (absent without Redis). */
export interface DeliveryStatus {
  heldBack(channel: ChannelAddress): Promise<HeldBack>;
}

/**
 * What operator-only commands need beyond the chat services: capabilities the chat core does not
 * have. The composition root (bin/) implements them over the job runner and the arXiv API; the
 * commands see only these methods.
 */
export interface OperatorServices {
  /** One poll cycle now; resolves when every delivery it caused has finished or failed. */
  pollOnce(): Promise<PollOnceSummary>;
  /** Unblocks a channel and queues every paper it held back for delivery now, whatever the feeds answer. */
  resume(channel: ChannelAddress): Promise<ResumeResult>;
  /** Jobs per state in each queue, or null when the job runner is unreachable (no Redis). */
  queueCounts(): Promise<Record<string, Record<string, number>> | null>;
  /** Fills missing arXiv metadata into the seeds' cache file (`force`: refetch every arXiv paper). */
  enrich(options: { force: boolean }): Promise<EnrichResult>;
}

export interface CommandServices {
  library: Library;
  search: PaperSearch;
  /** Channel state. When Redis is unavailable this store rejects with `storage_unavailable`. */
  store: Store;
  digests: DigestScheduler;
  /**
   * Keeps the job runner's announcement timers in step with `club schedule|skip|unschedule`. Absent
   * where no job runner is wired (then those commands refuse, and nothing is half-written).
   */
  announcements?: ClubAnnouncements;
  /** The bot's public base URL (PUBLIC_BASE_URL), for links to what its HTTP server serves (the club calendar). */
  publicBaseUrl?: string;
  clock: Clock;
  arxiv?: ArxivLookup;
  /** Held-back papers per channel, from the job runner; absent when there is none (no Redis). */
  deliveries?: DeliveryStatus;
  /** Only the operator CLI has these; operator commands refuse to run without them. */
  operator?: OperatorServices;
  /** Counts commands and acknowledgements for /metrics; absent: nothing is counted. */
  metrics?: Metrics;
}

/** The context of one invocation in a channel: what every chat adapter builds. */
export interface CommandContext {
  actor: Actor;
  channel: ChannelAddress;
  log: Logger;
  services: CommandServices;
  /**
   * Who may run admin commands here, for the refusal (`operators who add --as-admin`). Default:
   * derived from the channel's platform.
   */
  adminRule?: string;
}

/** The context of an invocation that may have no channel (the CLI without `--channel`). */
export type AnywhereContext = Omit<CommandContext, 'channel'> & { channel: ChannelAddress | null };

interface SubcommandBase {
  kind: 'subcommand';
  name: string;
  description: string;
  options: OptionDef[];
  examples: string[];
  /** Changes channel state: only channel admins may run it. */
  admin?: boolean;
  /** Default `everyone`. */
  audience?: Audience;
}

/** A command that acts on one channel's state: chat always has the channel; the CLI needs `--channel`. */
export interface ChannelSubcommandDef extends SubcommandBase {
  scope: 'channel';
  run(ctx: CommandContext, args: ParsedArgs): Promise<Message>;
}

/** A command that runs without a channel (a lookup, an operator task); a channel, when given, may refine it. */
export interface AnywhereSubcommandDef extends SubcommandBase {
  scope: 'anywhere';
  run(ctx: AnywhereContext, args: ParsedArgs): Promise<Message>;
}

export type SubcommandDef = ChannelSubcommandDef | AnywhereSubcommandDef;

export interface CommandGroupDef {
  kind: 'group';
  name: string;
  description: string;
  subcommands: SubcommandDef[];
}

export type CommandDef = SubcommandDef | CommandGroupDef;
