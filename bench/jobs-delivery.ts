/**
 * Delivering 500 alerts across 50 Slack channels (10 each) through the real job runtime (real Redis,
 * BullMQ, the channel pacing gates) and the real SlackChatPort, into a local fake Slack Web API that
 * enforces Slack's 1 message per second per channel strictly: a post less than 1000 ms after the
 * previous one into the same channel gets HTTP 429 with Retry-After: 1. Reported: achieved rates
 * against the allowed rate, 429s received, duplicates (same paper twice in a channel), wall time.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { createDeliveryWebClient, SlackChatPort } from '../adapters/slack/chat-port.ts';
import { alertDeliveryId, deliveryJobId } from '../jobs/ids.ts';
import { JOBS, QUEUES } from '../jobs/names.ts';
import type { AlertDeliveryData } from '../jobs/delivery/alert-queue.ts';
import { startJobRuntime } from '../jobs/runtime.ts';
import type { ChannelAddress } from '../src/channel-address.ts';
import { loadConfig } from '../src/config.ts';
import { Library } from '../src/library/library.ts';
import { silentLogger } from '../src/log.ts';
import { createRedisStore } from '../src/store/redis/index.ts';
import { round } from './stats.ts';
import type { Benchmark } from './types.ts';
import { emptyImportReport } from '../src/library/report.ts';

const CHANNELS = 50;
const PER_CHANNEL = 10;
const MIN_GAP_MS = 1000;
const REDIS = { host: '127.0.0.1', port: 6379 };

interface FakeSlack {
  url: string;
  posts: Array<{ channel: string; text: string; at: number }>;
  rateLimited: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** chat.postMessage only, with Slack's per-channel limit enforced to the millisecond. */
async function startStrictFakeSlack(): Promise<FakeSlack> {
  const last = new Map<string, number>();
  const fake: FakeSlack = { url: '', posts: [], rateLimited: 0, close: async () => {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then((body) => {
      const form = new URLSearchParams(body);
      const channel = form.get('channel') ?? '';
      const now = Date.now();
      const previous = last.get(channel);
      if (previous !== undefined && now - previous < MIN_GAP_MS) {
        fake.rateLimited += 1;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      last.set(channel, now);
      fake.posts.push({ channel, text: form.get('text') ?? '', at: now });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel, ts: `${now / 1000}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

export const jobsDeliveryBenchmark: Benchmark = {
  name: 'jobs-delivery',
  async run(ctx) {
    const prefix = `bench:jobs:${randomUUID()}`;
    const redis = new Redis({ ...REDIS, maxRetriesPerRequest: 1 });
    const store = createRedisStore(redis, prefix, { ownsConnection: false });
    const slackApi = await startStrictFakeSlack();
    const log = silentLogger();
    const slack = new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-bench', apiUrl: slackApi.url, log }), log);
    const runtime = await startJobRuntime({
      redis: REDIS,
      prefix,
      store,
      library: new Library([], emptyImportReport()),
      chat: { slack },
      config: loadConfig({ REDIS_PREFIX: prefix, POLL_CRON: '0 0 1 1 *' }),
      log,
      processors: { poll: false, deliver: true, digest: false },
      tuning: { deliveryConcurrency: 50 },
    });
    const queue = new Queue(QUEUES.deliver, { connection: REDIS, prefix });
    queue.setMaxListeners(0); // one waitUntilFinished per job
    const events = new QueueEvents(QUEUES.deliver, { connection: REDIS, prefix });
    try {
      await events.waitUntilReady();
      const channels: ChannelAddress[] = Array.from({ length: CHANNELS }, (_, c) => ({ platform: 'slack', workspace: 'TBENCH', channel: `C${String(c).padStart(3, '0')}` }));
      const jobs = channels.flatMap((channel, c) =>
        Array.from({ length: PER_CHANNEL }, (_, i) => {
          const arxivId = `2601.${String(10000 + c * PER_CHANNEL + i)}`;
          const data: AlertDeliveryData = {
            channel,
            deliveryId: alertDeliveryId(arxivId),
            papers: [{ arxivId, version: 1, title: `Bench paper ${arxivId}`, authors: ['A. Author'], abstract: 'An abstract.', categories: ['cs.LG'], announceType: 'new', matches: [{ topic: 'bench', terms: ['bench'], fields: ['title'] }] }],
          };
          return { name: JOBS.deliverAlert, data, opts: { jobId: deliveryJobId(channel, alertDeliveryId(arxivId)), attempts: 8, backoff: { type: 'exponential' as const, delay: 2000 } } };
        }),
      );
      ctx.log(`delivering ${jobs.length} alerts to ${CHANNELS} channels (allowed: 1 msg/s per channel)`);
      const start = Date.now();
      const added = await queue.addBulk(jobs);
      // Adding the same jobs again (a re-poll) must not create more deliveries.
      await queue.addBulk(jobs);
      const outcomes = await Promise.allSettled(added.map((job) => job.waitUntilFinished(events)));
      const wallS = (Date.now() - start) / 1000;

      const perChannel = new Map<string, number[]>();
      const seen = new Map<string, number>();
      for (const post of slackApi.posts) {
        perChannel.set(post.channel, [...(perChannel.get(post.channel) ?? []), post.at]);
        const id = /2601\.\d+/.exec(post.text)?.[0] ?? post.text;
        seen.set(`${post.channel} ${id}`, (seen.get(`${post.channel} ${id}`) ?? 0) + 1);
      }
      const duplicates = [...seen.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
      let minGap = Infinity;
      let maxRate = 0;
      for (const times of perChannel.values()) {
        times.sort((a, b) => a - b);
        for (let i = 1; i < times.length; i++) minGap = Math.min(minGap, times[i]! - times[i - 1]!);
        if (times.length > 1) maxRate = Math.max(maxRate, (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000));
      }
      const failed = outcomes.filter((o) => o.status === 'rejected').length;
      ctx.log(`${slackApi.posts.length} posted in ${round(wallS, 1)} s, ${slackApi.rateLimited} × 429, ${duplicates} duplicates, ${failed} failed`);
      return {
        alerts: jobs.length,
        channels: CHANNELS,
        posted: slackApi.posts.length,
        failed,
        duplicates,
        http_429: slackApi.rateLimited,
        wall_s: round(wallS, 2),
        achieved_total_msgs_per_s: round(slackApi.posts.length / wallS, 2),
        allowed_total_msgs_per_s: CHANNELS,
        max_channel_msgs_per_s: round(maxRate, 3),
        allowed_channel_msgs_per_s: 1,
        min_gap_same_channel_ms: minGap === Infinity ? 'n/a' : minGap,
      };
    } finally {
      await events.close();
      await queue.close();
      await runtime.close();
      await slackApi.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  },
};
