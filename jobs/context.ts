/** What every job handler gets: the core, the runner's own Redis connection, queues and tuning. */
import type { FlowProducer, Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Platform } from '../src/channel-address.ts';
import type { ArxivRequestGate } from '../src/arxiv/request-spacer.ts';
import type { Config } from '../src/config.ts';
import type { Library } from '../src/library/library.ts';
import type { Logger } from '../src/log.ts';
import type { ChatPort, Clock } from '../src/ports.ts';
import type { Store } from '../src/store/types.ts';
import type { AliasTable } from '../src/topics/match.ts';
import type { JobKeys } from './ids.ts';
import type { QueueKey } from './names.ts';

/** Timings and sizes. Defaults follow arXiv's terms and Slack's limits; tests shorten them. */
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
  /** Minimum gap between two messages into one channel, per platform. */
  channelIntervalMs: Record<Platform, number>;
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
  channelIntervalMs: { slack: 1000, discord: 1000, console: 0 },
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  keepCompleted: { age: 7 * 24 * 3600, count: 5000 },
  keepFailed: { age: 30 * 24 * 3600, count: 5000 },
};

export interface JobContext {
  store: Store;
  library: Library;
  /** The library's nicknames, built once. */
  aliases(): AliasTable;
  config: Config;
  log: Logger;
  clock: Clock;
  /** The runner's own connection (pacing gates, delivery state, feed validators). */
  redis: Redis;
  keys: JobKeys;
  /** Spaces arXiv requests against every other process of the deployment (link lookups, enrichment). */
  arxivGate: ArxivRequestGate;
  queues: Record<QueueKey, Queue>;
  flow: FlowProducer;
  chat: Partial<Record<Platform, ChatPort>>;
  tuning: JobTuning;
}

export type Handler = (job: Job, token: string | undefined, ctx: JobContext) => Promise<unknown>;
