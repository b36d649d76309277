/**
 * What the job integration tests share: a real Redis with a random prefix, a local arXiv feed server
 * replaying the real fixtures (test/fixtures/arxiv/, see SOURCES.md there), recording chat ports that
 * can be told to fail, captured logs, and a runtime with short timings. Teardown closes everything and
 * deletes every key under the prefix.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import type { ChannelAddress, Platform } from '../../../src/channel-address.ts';
import { formatChannelAddress } from '../../../src/channel-address.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import { Library } from '../../../src/library/library.ts';
import type { PaperEntry } from '../../../src/library/types.ts';
import type { Logger } from '../../../src/log.ts';
import type { Message } from '../../../src/messages/message.ts';
import { DeliveryError, type ChatPort, type Clock, type DeliveryFailure, type DeliveryLookup, type DeliveryLookupRequest, type PostOptions } from '../../../src/ports.ts';
import { createRedisStore } from '../../../src/store/redis/index.ts';
import type { Store } from '../../../src/store/types.ts';
import type { JobTuning } from '../../../jobs/context.ts';
import { startJobRuntime, type JobRuntime, type JobRuntimeOptions } from '../../../jobs/runtime.ts';
import { QUEUES } from '../../../jobs/names.ts';
import { Job, Queue } from 'bullmq';
import { emptyImportReport } from '../../../src/library/report.ts';

export const REDIS = { host: '127.0.0.1', port: 6379 };

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/arxiv/${name}`, import.meta.url), 'utf8');
}

/** Monday 28 Apr 2025, 12:00 UTC: the quant-ph fixture is that day's fresh feed. */
export const MONDAY = new Date('2025-04-28T12:00:00Z');
export const fixedClock = (at: Date = MONDAY): Clock => ({ now: () => at });

export const FAST: Partial<JobTuning> = {
  feedIntervalMs: 10,
  feedTimeoutMs: 2000,
  feedAttempts: 5,
  feedBackoffMs: 20,
  deliveryAttempts: 4,
  deliveryBackoffMs: 20,
  channelIntervalMs: { slack: 20, discord: 20, console: 0 },
  deliveryLeaseMs: 1500,
  deliverySettleMs: 100,
  lockDurationMs: 1000,
  stalledIntervalMs: 300,
};

// ---------- captured logs ----------
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function captureLogs(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

export const WARN = 40;

// ---------- chat ports ----------
export interface Post {
  channel: string;
  message: Message;
  deliveryId?: string;
}

export type Scripted = DeliveryFailure | 'hang' | 'post-then-hang' | 'post-then-timeout';

/**
 * A chat platform in memory behind the ChatPort interface: records every post (with its delivery id,
 * so `findDelivery` can answer like a platform's history), and fails as scripted per channel:
 * `failNext` with a DeliveryFailure, 'hang' (never answers, nothing posted), 'post-then-hang' (the
 * message lands, the answer never comes) or 'post-then-timeout' (it lands, the client times out). Ports built with the same `posts` array share one platform,
 * as two workers share Slack.
 */
export class RecordingPort implements ChatPort {
  readonly attempts: Post[] = [];
  readonly repeatSafeForMs = 0;
  private readonly scripts = new Map<string, Scripted[]>();
  private counter = 0;

  constructor(
    readonly platform: Platform,
    readonly posts: Post[] = [],
    private readonly history: 'readable' | 'closed' = 'readable',
  ) {}

  failNext(channel: ChannelAddress, ...failures: Scripted[]): void {
    const key = formatChannelAddress(channel);
    this.scripts.set(key, [...(this.scripts.get(key) ?? []), ...failures]);
  }

  async post(channel: ChannelAddress, message: Message, options: PostOptions = {}): Promise<{ messageId: string }> {
    const key = formatChannelAddress(channel);
    const post = { channel: key, message, ...(options.deliveryId ? { deliveryId: options.deliveryId } : {}) };
    this.attempts.push(post);
    const next = this.scripts.get(key)?.shift();
    if (next === 'hang') return new Promise(() => {});
    if (next === 'post-then-hang') {
      this.posts.push(post);
      return new Promise(() => {});
    }
    if (next === 'post-then-timeout') {
      this.posts.push(post);
      throw new DeliveryError({ kind: 'uncertain', reason: 'timeout after sending' });
    }
    if (next) throw new DeliveryError(next);
    this.posts.push(post);
    this.counter += 1;
    return { messageId: `m${this.counter}` };
  }

  async findDelivery(channel: ChannelAddress, request: DeliveryLookupRequest): Promise<DeliveryLookup> {
    if (this.history === 'closed') return { found: false, complete: false, reason: 'history closed in this test' };
    const key = formatChannelAddress(channel);
    const index = this.posts.findIndex((p) => p.channel === key && p.deliveryId === request.deliveryId);
    return index >= 0 ? { found: true, messageId: `found-${index}` } : { found: false, complete: true };
  }

  postsTo(channel: ChannelAddress): Post[] {
    return this.posts.filter((p) => p.channel === formatChannelAddress(channel));
  }
}

/** The arXiv id a delivered alert card is about. */
export function alertedIds(posts: Post[]): string[] {
  return posts.flatMap((p) =>
    p.message.blocks.flatMap((b) => (b.type === 'card' && b.card.url ? [b.card.url.replace('https://arxiv.org/abs/', '')] : [])),
  );
}

// ---------- feed server ----------
export type FeedReply = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export interface FeedServer extends FixtureServer {
  /** Replies for the next requests, in order; then the default route answers. */
  script(...replies: FeedReply[]): void;
  feedRequests(): FixtureServer['requests'];
}

/** Serves `<url>/rss/<cats>`: the quant-ph fixture for feeds naming quant-ph, else the cs.AI Atom excerpt. */
export async function startFeedServer(options: { etag?: string } = {}): Promise<FeedServer> {
  const queue: FeedReply[] = [];
  const server = await startFixtureServer((req: IncomingMessage, res: ServerResponse) => {
    const next = queue.shift();
    if (next === 'hang') return; // never answers: the client times out
    if (next) {
      res.writeHead(next.status, { 'content-type': 'application/xml', ...next.headers });
      res.end(next.body ?? '');
      return;
    }
    const path = req.url ?? '';
    if (options.etag && req.headers['if-none-match'] === options.etag) {
      res.writeHead(304, { etag: options.etag });
      res.end();
      return;
    }
    const body = path.includes('quant-ph') ? fixture('rss2-quant-ph-2025-04-28.xml') : fixture('rss-atom-cs.AI-2025-08-20-excerpt.xml');
    res.writeHead(200, { 'content-type': 'application/rss+xml', ...(options.etag ? { etag: options.etag } : {}) });
    res.end(body);
  });
  return {
    ...server,
    script: (...replies) => queue.push(...replies),
    feedRequests: () => server.requests.filter((r) => r.url.startsWith('/rss/')),
  };
}

// ---------- the whole setup ----------
export interface JobsHarness {
  prefix: string;
  redis: Redis;
  store: Store;
  library: Library;
  feeds: FeedServer;
  logs: LogLine[];
  log: Logger;
  config(env?: Record<string, string>): Config;
  start(overrides?: Partial<JobRuntimeOptions> & { env?: Record<string, string> }): Promise<JobRuntime>;
  /** Every job id on the deliver queue, whatever its state. */
  deliveryJobIds(): Promise<string[]>;
  /** Resolves when these delivery jobs have completed or failed for good. */
  waitForDeliveries(jobIds: readonly string[], timeoutMs?: number): Promise<void>;
  teardown(): Promise<void>;
}

export function libraryOf(entries: PaperEntry[]): Library {
  return new Library(entries, emptyImportReport());
}

export async function jobsHarness(options: { etag?: string; library?: Library } = {}): Promise<JobsHarness> {
  const prefix = `test:jobs:${randomUUID()}`;
  const redis = new Redis({ ...REDIS, maxRetriesPerRequest: 1 });
  const store = createRedisStore(redis, prefix, { ownsConnection: false });
  const feeds = await startFeedServer(options);
  const { log, lines } = captureLogs();
  const library = options.library ?? libraryOf([]);
  const runtimes: JobRuntime[] = [];
  const config = (env: Record<string, string> = {}) =>
    loadConfig({ ARXIV_RSS_URL: `${feeds.url}/rss`, ARXIV_CATEGORIES: 'quant-ph', REDIS_PREFIX: prefix, ...env });
  return {
    prefix,
    redis,
    store,
    library,
    feeds,
    logs: lines,
    log,
    config,
    async start(overrides = {}) {
      const { env, ...rest } = overrides;
      const runtime = await startJobRuntime({
        redis: REDIS,
        prefix,
        store,
        library,
        chat: {},
        config: config(env),
        log,
        clock: fixedClock(),
        tuning: FAST,
        ...rest,
      });
      runtimes.push(runtime);
      return runtime;
    },
    async deliveryJobIds() {
      const queue = new Queue(QUEUES.deliver, { connection: REDIS, prefix });
      try {
        const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
        return jobs.map((j) => j.id!).filter(Boolean);
      } finally {
        await queue.close();
      }
    },
    async waitForDeliveries(jobIds, timeoutMs = 20_000) {
      const queue = new Queue(QUEUES.deliver, { connection: REDIS, prefix });
      const deadline = Date.now() + timeoutMs;
      try {
        for (const id of jobIds) {
          for (;;) {
            const state = await queue.getJobState(id);
            const job = state === 'failed' ? await Job.fromId(queue, id) : null;
            // Failed for good: out of attempts, or unrecoverable (no further attempt is scheduled).
            if (state === 'completed' || state === 'unknown' || (state === 'failed' && job)) break;
            if (Date.now() > deadline) throw new Error(`delivery job ${id} still ${state} after ${timeoutMs} ms`);
            await new Promise((r) => setTimeout(r, 25));
          }
        }
      } finally {
        await queue.close();
      }
    },
    async teardown() {
      for (const runtime of runtimes) await runtime.close({ force: true });
      await feeds.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

export const slackChannel = (channel: string): ChannelAddress => ({ platform: 'slack', workspace: 'T1', channel });
export const discordChannel = (channel: string): ChannelAddress => ({ platform: 'discord', workspace: 'G1', channel });
