/**
 * The narrow interfaces core depends on. Adapters and jobs implement them; core never imports an SDK.
 */
import type { ChannelAddress } from './channel-address.ts';
import type { PaperEntry } from './library/types.ts';
import type { Message } from './messages/message.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Why a post failed, so the delivery job can delay, retry or give up on the channel. */
export type DeliveryFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'transient'; reason: string }
  | { kind: 'permanent'; reason: string };

export class DeliveryError extends Error {
  readonly failure: DeliveryFailure;
  constructor(failure: DeliveryFailure, message?: string, options?: { cause?: unknown }) {
    super(message ?? `delivery failed: ${failure.kind}${'reason' in failure ? ` (${failure.reason})` : ''}`, options);
    this.name = 'DeliveryError';
    this.failure = failure;
  }
}

/** Posts a message into a channel on one platform. Implemented by each adapter; used by jobs. */
export interface ChatPort {
  readonly platform: ChannelAddress['platform'];
  /** Resolves with the platform's message id; rejects with DeliveryError. */
  post(channel: ChannelAddress, message: Message): Promise<{ messageId: string }>;
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

/** arXiv metadata for a paper the library does not have (link unfurls). Implemented over the arXiv API. */
export interface ArxivLookup {
  /** Any arXiv id form; null when arXiv does not know the paper. */
  lookup(arxivId: string): Promise<PaperEntry | null>;
}
