/**
 * What every job shares: its signature and the runtime's timings. Each handler is built by a factory
 * from the narrow context it needs (see handlers.ts), never from one wide bag of everything.
 */
import type { Job } from 'bullmq';
import type { Platform } from '../src/channel-address.ts';

/** Timings and sizes. Defaults follow arXiv's terms and the platforms' limits; tests shorten them. */
export interface JobTuning {
  /** One arXiv request per this many ms, across every worker (arXiv: one every 3 s). */
  feedIntervalMs: number;
  feedTimeoutMs: number;
  feedAttempts: number;
  /** First retry delay of a failed feed fetch; doubles each attempt. */
  feedBackoffMs: number;
  /** At most this many categories per combined feed (a combined feed returns at most 2000 items). */
  maxCategoriesPerFeed: number;
  deliveryAttempts: number;
  deliveryBackoffMs: number;
  deliveryConcurrency: number;
  /**
   * Minimum gap between two requests into one channel, per platform, counted when a request is sent.
   * Slack and Discord allow one message a second; the extra 100 ms covers the time between taking the
   * slot and the request arriving, which varies with load, so arrivals stay at least a second apart.
   */
  channelIntervalMs: Record<Platform, number>;
  /** How long one worker holds a delivery (longer than any request takes). */
  deliveryLeaseMs: number;
  /** A post with an unknown outcome is looked up no sooner than this after it was sent. */
  deliverySettleMs: number;
  /** BullMQ lock and stalled-job check; a killed worker's job is retried after about this long. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** How many finished jobs to keep for inspection. */
  keepCompleted: { age: number; count: number };
  keepFailed: { age: number; count: number };
}

export const DEFAULT_TUNING: JobTuning = {
  feedIntervalMs: 3000,
  feedTimeoutMs: 30_000,
  feedAttempts: 6,
  feedBackoffMs: 10_000,
  maxCategoriesPerFeed: 4,
  deliveryAttempts: 8,
  deliveryBackoffMs: 2000,
  deliveryConcurrency: 10,
  channelIntervalMs: { slack: 1100, discord: 1100, console: 0 },
  deliveryLeaseMs: 60_000,
  deliverySettleMs: 20_000,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  keepCompleted: { age: 7 * 24 * 3600, count: 5000 },
  keepFailed: { age: 30 * 24 * 3600, count: 5000 },
};

export type JobHandler = (job: Job, token: string | undefined) => Promise<unknown>;
