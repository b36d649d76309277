/**
 * The narrow interfaces core depends on. Adapters and jobs implement them; core never imports an SDK.
 */
import type { ChannelAddress, Platform } from './channel-address.ts';
import type { ErrorCode } from './errors.ts';
import type { PaperEntry } from './library/types.ts';
import type { Message } from './messages/message.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Why a post or a lookup failed, so the delivery module can wait, retry, ask the platform or give up on
 * the channel. The line that matters for exactly-once: did the platform possibly create the message?
 */
export type DeliveryFailure =
  /** 429: nothing was posted; wait `retryAfterMs`, then try again. */
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** Nothing was posted (connection refused, an error answer): retry with backoff. */
  | { kind: 'transient'; reason: string }
  /** The request may have been posted (timeout after sending, connection lost, 5xx): ask before posting again. */
  | { kind: 'uncertain'; reason: string }
  /** Nothing was posted and nothing will be until someone acts (channel gone, bot removed, bad token). */
  | { kind: 'permanent'; reason: string };

export class DeliveryError extends Error {
  readonly failure: DeliveryFailure;
  constructor(failure: DeliveryFailure, message?: string, options?: { cause?: unknown }) {
    super(message ?? `delivery failed: ${failure.kind}${'reason' in failure ? ` (${failure.reason})` : ''}`, options);
    this.name = 'DeliveryError';
    this.failure = failure;
  }
}

export interface PostOptions {
  /**
   * The caller's delivery id. Ports carry it where the platform can use it: Discord as the message
   * nonce with enforce_nonce, Slack in the message metadata, so `findDelivery` can find the post later.
   */
  deliveryId?: string;
  /** Post as a reply in this discussion thread (an id `openThread` returned) instead of into the channel. */
  threadId?: string;
}

/** What the platform says about one delivery. */
export type DeliveryLookup =
  | { found: true; messageId: string }
  /** Looked through everything posted since `since`: it is not there. */
  | { found: false; complete: true }
  /** Cannot tell (no permission to read history, more messages than one lookup reads): `reason` says why. */
  | { found: false; complete: false; reason: string };

export interface DeliveryLookupRequest {
  deliveryId: string;
  /** The message as it was posted (ports that cannot store the id compare what they rendered). */
  message: Message;
  /** When the uncertain attempt started; the post, if any, was created after this. */
  since: Date;
  /** The discussion thread the post went to, when it was a thread reply. */
  threadId?: string;
}

/** Posts a message into a channel on one platform. Implemented by each adapter; used by jobs. */
export interface ChatPort {
  readonly platform: ChannelAddress['platform'];
  /**
   * How long after a post the platform itself turns a repeat with the same delivery id into the first
   * message instead of a second one (Discord's nonce window); 0 when it never does.
   */
  readonly repeatSafeForMs: number;
  /** Resolves with the platform's message id; rejects with DeliveryError. */
  post(channel: ChannelAddress, message: Message, options?: PostOptions): Promise<{ messageId: string }>;
  /** Looks for a message this bot posted for `deliveryId` since `since`. Rejects with DeliveryError. */
  findDelivery(channel: ChannelAddress, request: DeliveryLookupRequest): Promise<DeliveryLookup>;
  /**
   * Opens the discussion thread of a message this bot posted and returns the id replies go to
   * (`PostOptions.threadId`). Opening it again returns the same thread, so a retry is safe. Slack:
   * replies hang under the message itself; Discord: a thread channel started from it. Absent where
   * the platform has no threads (the console). Rejects with DeliveryError.
   */
  openThread?(channel: ChannelAddress, messageId: string, options: { name: string }): Promise<{ threadId: string }>;
}

/**
 * Remembers signed requests already accepted, so a captured request cannot be replayed while its
 * timestamp is still inside the accepted window (Slack and Discord: 5 minutes either way).
 */
export interface ReplayGuard {
  /** True the first time `key` is seen within `ttlMs`; false for a replay. */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
}

export interface DigestSchedule {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  minute: number;
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: string;
}

/** Keeps the job runner's per-channel digest schedulers in step with `digest schedule|off`. */
export interface DigestScheduler {
  schedule(channel: ChannelAddress, schedule: DigestSchedule): Promise<void>;
  cancel(channel: ChannelAddress): Promise<void>;
  /** When the channel's next digest is due, or null when it has none. */
  nextRun(channel: ChannelAddress): Promise<Date | null>;
}

/**
 * Keeps the job runner's per-channel announcement timers in step with the club's stored schedule
 * (`club schedule|skip|unschedule`). The schedule itself lives in the store; this only plans jobs.
 */
export interface ClubAnnouncements {
  /**
   * Plans the channel's announcements from its stored schedule and skipped dates (replacing any earlier
   * plan), and queues the one that is due now, if any. Returns when the next announcement is planned.
   */
  follow(channel: ChannelAddress): Promise<{ next: Date | null; dueNow: boolean }>;
  /** No more announcements in this channel. */
  cancel(channel: ChannelAddress): Promise<void>;
}

/** arXiv metadata for a paper the library does not have (link unfurls). Implemented over the arXiv API. */
export interface ArxivLookup {
  /** Any arXiv id form; null when arXiv does not know the paper. */
  lookup(arxivId: string): Promise<PaperEntry | null>;
}

/**
 * What a process counts for its operators. Core, adapters and jobs report events through this narrow
 * port; bin/metrics.ts turns them into Prometheus series with prom-client, so nothing below bin/ knows
 * about prom-client (docs/operations.md lists every series). The default, `noMetrics`, counts nothing.
 */
export interface Metrics {
  /** A chat command answered. `command` is the definition's path (`topics add`), `unknown` when it did not parse. */
  commandAnswered(event: { platform: Platform; command: string; outcome: CommandOutcome; seconds: number }): void;
  /** From a platform's request arriving to its acknowledgement (Slack's ack, Discord's initial response) going out. */
  acknowledged(event: { platform: 'slack' | 'discord'; transport: 'http' | 'gateway'; seconds: number }): void;
  /** One step of a delivery (jobs/delivery): `kind` is the delivery id's prefix (`alert`, `digest`, …). */
  deliveryEvent(event: { platform: Platform; kind: string; outcome: DeliveryEventKind }): void;
  /** One arXiv feed fetch, with the Eastern weekday of the feed and whether arXiv had announced papers for it. */
  feedPolled(event: { feed: string; outcome: string; weekday: string; announcementExpected: boolean; items: number }): void;
}

/** `ok`, an expected failure's error code (`not_allowed`, `paper_not_found`, …), or `failed` (a bug). */
export type CommandOutcome = 'ok' | 'failed' | ErrorCode;

export type DeliveryEventKind =
  /** Posted now. */
  | 'posted'
  /** An earlier attempt whose answer was lost had posted: found by a lookup, or returned by the platform for a repeat. */
  | 'already_posted'
  /** Posted again under the same id inside the platform's repeat window (Discord's nonce): the platform returns the earlier message if there was one. */
  | 'repeated'
  /** Nothing was posted (connection refused, an error answer, a failed lookup): retried with backoff. */
  | 'retried'
  /** The answer was lost (timeout, dropped connection, 5xx): looked up before any new post. */
  | 'uncertain'
  /** The platform answered 429 to a post: the channel waits Retry-After. */
  | 'rate_limited'
  /** The platform answered 429 to a history lookup. */
  | 'lookup_rate_limited'
  /** A permanent error (bot removed, channel gone): the channel's deliveries stop until `resume`. */
  | 'blocked'
  /** Could not find out whether an earlier attempt posted (no history access): not posted again. */
  | 'abandoned';

export const noMetrics: Metrics = {
  commandAnswered: () => undefined,
  acknowledged: () => undefined,
  deliveryEvent: () => undefined,
  feedPolled: () => undefined,
};
