/**
 * The delivery fault suite: alerts for several Slack and Discord channels, delivered by worker
 * processes that are killed with SIGKILL mid-delivery and replaced, while the fake platforms answer
 * some posts only after the client gave up (the post succeeded), drop connections after storing,
 * enforce one message a second per channel with 429s, Redis restarts, and one channel is blocked
 * (not_in_channel) until `resume`, with the feed answering 304 from the second poll on. At the end it
 * counts, per channel, from what the fake platforms stored: duplicates, papers lost, and the smallest
 * gap between two posts (arrival times at the platform).
 *
 * Everything is real except the platforms and arXiv: BullMQ, Redis (a throwaway redis-server with its
 * append-only file on, restarted with SIGTERM), the job runtime, the delivery module and the Slack and
 * Discord chat ports over HTTP. Workers run shorter timings than production (BullMQ lock 2 s instead of
 * 30 s) so a kill resolves in seconds; the code paths are the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JobTuning } from '../../jobs/context.ts';
import { startJobRuntime, type JobRuntime } from '../../jobs/runtime.ts';
import { parseFeed } from '../../src/arxiv/feed-parse.ts';
import type { ChannelAddress } from '../../src/channel-address.ts';
import { loadConfig } from '../../src/config.ts';
import { Library } from '../../src/library/library.ts';
import { silentLogger } from '../../src/log.ts';
import { createRedisStore } from '../../src/store/redis/index.ts';
import { buildAliasTable, compileTopics, matchItem } from '../../src/topics/match.ts';
import { Redis } from 'ioredis';
import { Job, Queue } from 'bullmq';
import { AlertOutbox } from '../../jobs/delivery/alert-outbox.ts';
import { deliveryKeys } from '../../jobs/delivery/deliveries.ts';
import { deliveryJobId } from '../../jobs/ids.ts';
import { QUEUES } from '../../jobs/names.ts';
import { startFakeDiscordApi } from '../../test/integration/discord/fake-discord-api.ts';
import { startFeedServer } from '../../test/integration/jobs/harness.ts';
import { startFakeSlackApi } from '../../test/integration/slack/fake-slack-api.ts';
import { throwawayRedis } from '../../test/helpers/throwaway-redis.ts';
import { emptyImportReport } from '../../src/library/report.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = new URL('../../test/fixtures/arxiv/rss2-quant-ph-2025-04-28.xml', import.meta.url);

export interface FaultChannel {
  platform: 'slack' | 'discord';
  channel: string;
  topic: string;
  /** Refuses every post (not_in_channel / Missing Access) until the suite resumes it. */
  blocked?: boolean;
}

export interface FaultSuiteOptions {
  channels: FaultChannel[];
  /** Worker processes alive at any time. */
  workers: number;
  /** SIGKILL one worker (and start a replacement) this many times, this far apart. */
  kills: number;
  killEveryMs: number;
  /** Restart Redis (SIGTERM, then start) once, at this time; null: never. */
  redisRestartAtMs: number | null;
  /** Fix the blocked channels and run `resume` at this time. */
  resumeAtMs: number;
  /** Posts per platform that answer after the client's timeout (they do succeed), and that drop. */
  slowPosts: number;
  droppedPosts: number;
  /** Give up waiting after this long. */
  deadlineMs: number;
  log: (line: string) => void;
}

export interface FaultFigures {
  channels: number;
  expected: number;
  posted: number;
  duplicates: number;
  lost: number;
  unexpected: number;
  min_gap_ms: number;
  http_429: number;
  workers_killed: number;
  redis_restarts: number;
  slow_posts: number;
  dropped_posts: number;
  found_by_lookup: number;
  posted_via_nonce_repeat: number;
  abandoned_uncertain: number;
  wall_s: number;
  per_channel: string;
}

export const DEFAULT_FAULT_OPTIONS: Omit<FaultSuiteOptions, 'log'> = {
  channels: [
    { platform: 'slack', channel: 'C-entangle', topic: 'entanglement' },
    { platform: 'slack', channel: 'C-qubit', topic: 'qubit' },
    { platform: 'slack', channel: 'C-blocked', topic: 'algorithm', blocked: true },
    { platform: 'discord', channel: '1100000000000000101', topic: 'cat:cond-mat' },
    { platform: 'discord', channel: '1100000000000000102', topic: 'field' },
  ],
  workers: 2,
  kills: 3,
  killEveryMs: 3500,
  redisRestartAtMs: 5000,
  resumeAtMs: 8000,
  slowPosts: 3,
  droppedPosts: 2,
  deadlineMs: 150_000,
};

const WORKER_TUNING: Partial<JobTuning> = {
  feedIntervalMs: 100,
  feedBackoffMs: 300,
  feedAttempts: 5,
  deliveryAttempts: 20,
  deliveryBackoffMs: 300,
  deliveryLeaseMs: 4000,
  deliverySettleMs: 1500,
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
};
const REQUEST_TIMEOUT_MS = 1000;

const address = (c: FaultChannel): ChannelAddress => ({ platform: c.platform, workspace: c.platform === 'slack' ? 'TFAULT' : '1100000000000000001', channel: c.channel });

export async function runFaultSuite(options: FaultSuiteOptions): Promise<FaultFigures> {
  const started = Date.now();
  const log = options.log;
  const prefix = `faults:${process.pid}:${started}`;
  const redisServer = await throwawayRedis(undefined, { appendOnly: true });
  await redisServer.start();
  const feeds = await startFeedServer({ etag: '"faults-v1"' });
  const slack = await startFakeSlackApi({ minGapMs: 1000 });
  const discord = await startFakeDiscordApi({ minGapMs: 1000 });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined);
  const store = createRedisStore(redis, prefix, { ownsConnection: false });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    REDIS_URL: redisServer.url,
    REDIS_PREFIX: prefix,
    SLACK_API_URL: slack.apiUrl,
    DISCORD_API_URL: discord.url,
    ARXIV_RSS_URL: `${feeds.url}/rss`,
    ARXIV_CATEGORIES: 'quant-ph',
    POLL_CRON: '*/3 * * * * *',
    ALERTS_PER_POLL: '50',
    LOG_LEVEL: 'error',
    FAULT_TUNING: JSON.stringify(WORKER_TUNING),
    FAULT_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  };
  const config = loadConfig(env);

  // What each channel must get: its topic against the feed, exactly once.
  const feed = await parseFeed(readFileSync(FIXTURE, 'utf8'));
  const aliases = buildAliasTable([]);
  const expected = new Map<string, Set<string>>();
  for (const c of options.channels) {
    const compiled = compileTopics([c.topic], aliases);
    expected.set(c.channel, new Set(feed.items.filter((i) => matchItem(i, compiled).length > 0).map((i) => i.arxivId)));
    await store.addTopic(address(c), c.topic);
    if (c.blocked) {
      if (c.platform === 'slack') slack.scriptChannel('chat.postMessage', c.channel, { ok: false, error: 'not_in_channel' });
      else discord.fail(new RegExp(`^/channels/${c.channel}/messages$`), { status: 403, body: { message: 'Missing Access', code: 50001 } }, 1000);
    }
  }

  const workers = new Set<ChildProcess>();
  const tails: string[] = [];
  const startWorker = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bench/faults/worker.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      workers.add(child);
      child.once('exit', () => workers.delete(child));
      child.stderr!.on('data', (d: Buffer) => tails.push(...d.toString().split('\n').filter(Boolean).slice(-5)));
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve(child);
      });
      child.once('error', reject);
      setTimeout(() => reject(new Error(`worker did not start: ${tails.slice(-5).join(' | ')}`)), 30_000).unref();
    });

  let controller: JobRuntime | null = null;
  const timers: NodeJS.Timeout[] = [];
  const figures = { killed: 0, restarts: 0, slow: 0, dropped: 0 };
  try {
    for (let i = 0; i < options.workers; i++) await startWorker();
    log(`${options.workers} workers up; ${[...expected.values()].reduce((n, s) => n + s.size, 0)} alerts to deliver to ${options.channels.length} channels`);
    controller = await startJobRuntime({
      redis: redisServer.url,
      prefix,
      store,
      library: new Library([], emptyImportReport()),
      chat: {},
      config,
      log: silentLogger(),
      processors: { poll: false, deliver: false, digest: false },
    });
    const t0 = Date.now();
    const at = (ms: number, what: () => Promise<void> | void) => {
      timers.push(
        setTimeout(() => {
          void Promise.resolve()
            .then(what)
            .catch((error: unknown) => log(`fault step failed: ${String(error)}`));
        }, ms),
      );
    };
    // Posts that succeed after the client's timeout, and connections dropped after the post is stored.
    for (let i = 0; i < options.slowPosts; i++) {
      at(700 + i * 1700, () => {
        slack.script('chat.postMessage', { slow: REQUEST_TIMEOUT_MS + 700 });
        discord.behave({ slow: REQUEST_TIMEOUT_MS + 700 });
        figures.slow += 2;
      });
    }
    for (let i = 0; i < options.droppedPosts; i++) {
      at(1500 + i * 2300, () => {
        slack.script('chat.postMessage', { drop: true });
        discord.behave({ drop: true });
        figures.dropped += 2;
      });
    }
    for (let i = 0; i < options.kills; i++) {
      at(options.killEveryMs * (i + 1), async () => {
        const victim = [...workers][i % Math.max(1, workers.size)];
        if (!victim) return;
        victim.kill('SIGKILL');
        figures.killed += 1;
        log(`t+${Date.now() - t0} ms: kill -9 worker ${victim.pid}`);
        await startWorker();
      });
    }
    if (options.redisRestartAtMs !== null) {
      at(options.redisRestartAtMs, async () => {
        log(`t+${Date.now() - t0} ms: restarting Redis`);
        await redisServer.restart(800);
        figures.restarts += 1;
      });
    }
    let resumed = false;
    at(options.resumeAtMs, async () => {
      for (const c of options.channels.filter((x) => x.blocked)) {
        if (c.platform === 'slack') slack.unscriptChannel('chat.postMessage', c.channel);
        else discord.clearFailures(new RegExp(`^/channels/${c.channel}/messages$`));
        const result = await controller!.resume(address(c));
        log(`t+${Date.now() - t0} ms: resume ${c.channel}: ${result.held} held back (blocked: ${result.blockedReason ?? 'no'})`);
      }
      resumed = true;
    });

    // Done when every channel has every paper, every fault has happened, and nothing is in flight.
    const lastFault = Math.max(options.killEveryMs * options.kills, options.redisRestartAtMs ?? 0, options.resumeAtMs);
    for (;;) {
      const counts = await controller.counts().catch(() => null);
      const inFlight = counts ? counts.deliver['waiting']! + counts.deliver['active']! + counts.deliver['delayed']! : 1;
      const complete = options.channels.every((c) => postedIds(c).size >= expected.get(c.channel)!.size);
      if (complete && resumed && inFlight === 0 && Date.now() - t0 > lastFault) break;
      if (Date.now() - started > options.deadlineMs) {
        log(`deadline reached; in flight ${inFlight}; worker log tail: ${tails.slice(-5).join(' | ')}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    // A late duplicate would show up now.
    await new Promise((r) => setTimeout(r, 2500));
    const stats = await controller.deliveries.stats();
    const diagnosis: string[] = [];
    const outbox = new AlertOutbox(redis, prefix);
    const queue = new Queue(QUEUES.deliver, { connection: { host: '127.0.0.1', port: redisServer.port }, prefix });
    try {
      for (const c of options.channels) {
        const seen = postedIds(c);
        const held = await outbox.held(address(c));
        for (const id of [...expected.get(c.channel)!].filter((x) => !seen.has(x))) {
          const record = await redis.get(deliveryKeys(prefix).record(address(c), `alert:${id}`));
          const h = held.find((x) => x.paper.arxivId === id);
          const job = await Job.fromId(queue, deliveryJobId(address(c), `alert:${id}`));
          const state = job ? await job.getState() : 'none';
          diagnosis.push(`${c.channel} ${id}: held ${h ? `yes (${h.delivery ?? 'unassigned'})` : 'no'}, job ${state} ${job?.failedReason ?? ''} attempts ${job?.attemptsMade ?? '-'}, record ${record ?? 'none'}`);
        }
      }
    } finally {
      await queue.close();
    }
    if (diagnosis.length > 0) log(`not delivered:\n  ${diagnosis.join('\n  ')}`);

    const perChannel: string[] = [];
    let posted = 0;
    let duplicates = 0;
    let lost = 0;
    let unexpected = 0;
    let minGap = Infinity;
    for (const c of options.channels) {
      const ids = postedList(c);
      const want = expected.get(c.channel)!;
      const seen = new Map<string, number>();
      for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
      const dup = [...seen.values()].reduce((n, k) => n + k - 1, 0);
      const missing = [...want].filter((id) => !seen.has(id)).length;
      const extra = [...seen.keys()].filter((id) => !want.has(id)).length;
      const times = arrivals(c).sort((a, b) => a - b);
      const gap = times.slice(1).reduce((m, t, i) => Math.min(m, t - times[i]!), Infinity);
      posted += ids.length;
      duplicates += dup;
      lost += missing;
      unexpected += extra;
      minGap = Math.min(minGap, gap);
      perChannel.push(`${c.platform}:${c.channel}${c.blocked ? ' (blocked, resumed)' : ''} ${ids.length}/${want.size} dup ${dup} lost ${missing} gap ${gap === Infinity ? 'n/a' : `${gap} ms`}`);
    }
    return {
      channels: options.channels.length,
      expected: [...expected.values()].reduce((n, s) => n + s.size, 0),
      posted,
      duplicates,
      lost,
      unexpected,
      min_gap_ms: minGap === Infinity ? -1 : minGap,
      http_429: slack.rateLimited() + discord.rateLimited(),
      workers_killed: figures.killed,
      redis_restarts: figures.restarts,
      slow_posts: figures.slow,
      dropped_posts: figures.dropped,
      found_by_lookup: stats['found_by_lookup'] ?? 0,
      posted_via_nonce_repeat: stats['posted_repeat'] ?? 0,
      abandoned_uncertain: stats['abandoned_uncertain'] ?? 0,
      wall_s: Math.round((Date.now() - started) / 100) / 10,
      per_channel: perChannel.join('; '),
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(
      [...workers].map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.kill('SIGTERM');
            setTimeout(() => w.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await controller?.close({ force: true }).catch(() => undefined);
    redis.disconnect();
    await slack.close();
    await discord.close();
    await feeds.close();
    await redisServer.destroy();
  }

  /** Arrival-ordered paper ids the platform stored for a channel (one per message). */
  function postedList(c: FaultChannel): string[] {
    if (c.platform === 'slack') {
      return slack.messages(c.channel).map((m) => String(m.metadata?.event_payload?.['delivery_id'] ?? '?').replace(/^alert:/, ''));
    }
    return discord.messages(c.channel).map((m) => String((m.embeds[0] as { url?: string } | undefined)?.url ?? '?').replace('https://arxiv.org/abs/', ''));
  }
  function postedIds(c: FaultChannel): Set<string> {
    return new Set(postedList(c));
  }
  function arrivals(c: FaultChannel): number[] {
    return c.platform === 'slack' ? slack.messages(c.channel).map((m) => m.at) : discord.messages(c.channel).map((m) => m.at);
  }
}
