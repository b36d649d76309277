/**
 * The narrow interfaces core depends on. Adapters and jobs implement them; core never imports an SDK.
 */
import type { ChannelAddress } from './channel-address.ts';
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
