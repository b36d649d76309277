/**
 * The job runtime: queues, workers and schedulers on one Redis, for `npm start` (with the adapters)
 * and `npm run worker` (workers only; run as many as you like, on as many machines). Everything
 * shared between processes lives in Redis: the arXiv limiter, channel pacing gates, feed validators,
 * delivery state and schedules. close(): stop taking jobs, finish the current ones, close connections.
 */
import { randomUUID } from 'node:crypto';
import { FlowProducer, Job, Queue, QueueEvents, UnrecoverableError, Worker, type Processor } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Platform } from '../src/channel-address.ts';
import type { Config } from '../src/config.ts';
import type { Library } from '../src/library/library.ts';
import type { Logger } from '../src/log.ts';
import { systemClock, type ChatPort, type Clock, type DigestScheduler, type Metrics } from '../src/ports.ts';
import type { Store } from '../src/store/types.ts';
import { buildAliasTable, type AliasTable } from '../src/topics/match.ts';
import { arxivGateKey, createSharedArxivGate } from '../src/arxiv/shared-gate.ts';
import type { ChannelAddress } from '../src/channel-address.ts';
import { everyMinuteAtMost } from '../src/log.ts';
import { queueConnection, redisOptionsFrom, workerConnection } from './connection.ts';
import { DEFAULT_TUNING, type JobTuning } from './context.ts';
import type { DeliveryResult } from './deliver-alert.ts';
import { AlertOutbox } from './delivery/alert-outbox.ts';
import type { AlertQueueDeps } from './delivery/alert-queue.ts';
import { createDeliveries, type Deliveries } from './delivery/deliveries.ts';
import { resumeChannel, type ResumeResult } from './delivery/resume.ts';
import { BullAnnouncementScheduler, clubRepeatStrategy } from './club-scheduler.ts';
import { BullDigestScheduler } from './digest-scheduler.ts';
import type { FanOutResult } from './fan-out.ts';
import { redisFeedStates } from './feed-state.ts';
import { assertEveryJobHasAHandler, createHandlers } from './handlers.ts';
import { jobKeys } from './ids.ts';
import { isJobName, JOBS, POLL_SCHEDULER_ID, QUEUES, type QueueKey } from './names.ts';
import { beginPoll, type PollContext } from './poll-job.ts';
import { queueStats, type QueueStats } from './queue-stats.ts';

export interface JobRuntimeOptions {
  redis: RedisOptions | string;
  /** BullMQ key prefix (the store uses the same prefix for its own keys). */
  prefix: string;
  store: Store;
  library: Library;
  chat: Partial<Record<Platform, ChatPort>>;
  config: Config;
  log: Logger;
  clock?: Clock;
  /** Which workers this process runs (all by default). Queues and schedulers work either way. */
  processors?: { poll?: boolean; deliver?: boolean; digest?: boolean; club?: boolean };
  /** Shorter timings for tests and the bench; defaults in DEFAULT_TUNING. */
  tuning?: Partial<JobTuning>;
  /** Deliveries and feed fetches are counted here (for /metrics). */
  metrics?: Metrics;
}

export interface PollSummary extends FanOutResult {
  /** Papers posted by this poll's deliveries (alerts and summary entries). */
  posted: number;
  /** Delivery jobs that failed for good. */
  failedDeliveries: number;
}

export interface JobRuntime {
  digests: BullDigestScheduler & DigestScheduler;
  /** Plans the club's session announcements (`club schedule|skip|unschedule`). */
  announcements: BullAnnouncementScheduler;
  /** Posts messages exactly once under a caller's delivery id (alerts, digests, and later features). */
  deliveries: Deliveries;
  /** One poll now; resolves when every delivery it caused has finished or failed. */
  pollOnce(): Promise<PollSummary>;
  /** Unblocks a channel and queues every paper it held, now (see delivery/resume.ts). */
  resume(channel: ChannelAddress): Promise<ResumeResult>;
  /** What this runtime looks like, for /healthz: Redis connection state and how many workers run. */
  health(): { redis: string; workers: number; running: boolean };
  /** Delivery workers connected to the deployment's Redis, in any process. */
  deliveryWorkersOnline(): Promise<number>;
  /** Papers a channel holds until they are posted (blocked, or deliveries still trying), and since when. */
  held(channel: ChannelAddress): Promise<{ papers: number; oldestSince: Date | null }>;
  /** Jobs per state in each queue, for `status`. */
  counts(): Promise<Record<QueueKey, Record<string, number>>>;
  /** Jobs per state and the oldest waiting and active job's age in each queue, for /metrics. */
  queueStats(): Promise<Record<QueueKey, QueueStats>>;
  /** The queues themselves, for the queue dashboard (bin/admin-dashboard.ts). */
  queues(): ReadonlyArray<Queue>;
  /** Stop taking jobs, finish current ones (unless forced), close connections. */
  close(options?: { force?: boolean }): Promise<void>;
}

export async function startJobRuntime(options: JobRuntimeOptions): Promise<JobRuntime> {
  const tuning: JobTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const base = redisOptionsFrom(options.redis);
  const log = options.log;
  const processors = { poll: true, deliver: true, digest: true, club: true, ...options.processors };
  const connection = queueConnection(base);
  const prefix = options.prefix;

  // While Redis is down every connection reports each reconnect attempt: say it once a minute.
  const connectionTrouble = everyMinuteAtMost((suppressed: number, error: unknown, source: string) =>
    log.warn({ err: error, source, suppressed }, 'job runtime: Redis connection trouble (repeats are counted, not logged)'),
  );
  const redis = new Redis({ ...base, maxRetriesPerRequest: null });
  redis.on('error', (error) => connectionTrouble(error, 'runtime'));

  const queues = Object.fromEntries(
    (Object.keys(QUEUES) as QueueKey[]).map((key) => {
      // The club's schedulers repeat by the club's own rule (club-scheduler.ts), not by cron.
      const queue = new Queue(QUEUES[key], { connection, prefix, ...(key === 'club' ? { settings: { repeatStrategy: clubRepeatStrategy } } : {}) });
      queue.on('error', (error) => connectionTrouble(error, `queue ${QUEUES[key]}`));
      return [key, queue];
    }),
  ) as Record<QueueKey, Queue>;
  // pollOnce waits on every delivery job it caused; each wait adds a listener to the deliver queue.
  queues.deliver.setMaxListeners(0);
  const flow = new FlowProducer({ connection, prefix });
  flow.on('error', (error) => connectionTrouble(error, 'flow producer'));

  const clock = options.clock ?? systemClock;
  let aliases: AliasTable | null = null;
  const deliveries = createDeliveries({
    redis,
    prefix,
    chat: options.chat,
    channels: options.store,
    tuning: { intervalMs: tuning.channelIntervalMs, leaseMs: tuning.deliveryLeaseMs, settleMs: tuning.deliverySettleMs },
    log: log.child({ component: 'delivery' }),
    metrics: options.metrics,
  });
  const outbox = new AlertOutbox(redis, prefix);
  const alertQueue: AlertQueueDeps = {
    outbox,
    queue: queues.deliver,
    budget: options.config.alertsPerPoll,
    jobOptions: {
      attempts: tuning.deliveryAttempts,
      backoff: { type: 'exponential', delay: tuning.deliveryBackoffMs },
      removeOnComplete: tuning.keepCompleted,
      removeOnFail: tuning.keepFailed,
    },
  };
  const pollContext: PollContext = { store: options.store, config: options.config, flow, tuning, log };
  const handlers = createHandlers({
    poll: pollContext,
    feed: {
      rssUrl: options.config.arxiv.rssUrl,
      userAgent: options.config.arxiv.userAgent,
      timeoutMs: tuning.feedTimeoutMs,
      feedStates: redisFeedStates(redis, jobKeys(prefix).feedState),
      recordPoll: (status) => options.store.recordPoll(status),
      arxivGate: createSharedArxivGate({ redis, key: arxivGateKey(prefix), minIntervalMs: tuning.feedIntervalMs }),
      clock,
      log,
      metrics: options.metrics,
    },
    fanOut: {
      store: options.store,
      aliases: () => (aliases ??= buildAliasTable(options.library.entries)),
      outbox,
      deliverQueue: queues.deliver,
      alertsPerPoll: options.config.alertsPerPoll,
      tuning,
      now: () => clock.now().getTime(),
      log,
    },
    alerts: { deliveries, outbox, recordDelivered: (channel, alert) => options.store.recordDelivered(channel, alert), library: options.library, log },
    digest: { deliveries, store: options.store, library: options.library, clock, log },
    club: {
      deliveries,
      store: options.store,
      library: options.library,
      threads: options.chat,
      threadQuestions: { slack: 'replies', discord: options.config.discord.messageContent ? 'replies' : 'mentions', console: 'none' },
      clock,
      log,
    },
  });
  assertEveryJobHasAHandler(handlers);

  const processor: Processor = async (job, token) => {
    if (!isJobName(job.name)) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    return handlers[job.name](job, token);
  };
  const workers: Worker[] = [];
  const startWorker = (key: QueueKey, extra: { concurrency: number; limiter?: { max: number; duration: number } }) => {
    const worker = new Worker(QUEUES[key], processor, {
      connection: workerConnection(base),
      prefix,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      // The worker plans a scheduler's next run when it takes the current one: by the same rule.
      ...(key === 'club' ? { settings: { repeatStrategy: clubRepeatStrategy } } : {}),
      ...extra,
    });
    worker.on('error', (error) => connectionTrouble(error, `worker ${QUEUES[key]}`));
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        log.error({ err: error, queue: QUEUES[key], job: job.name, jobId: job.id }, 'job failed for good');
      }
    });
    workers.push(worker);
  };
  if (processors.poll) {
    startWorker('poll', { concurrency: 2 });
    // The limiter is kept in Redis per queue, so it holds across every worker on every machine.
    startWorker('arxiv', { concurrency: 1, limiter: { max: 1, duration: tuning.feedIntervalMs } });
  }
  if (processors.deliver) startWorker('deliver', { concurrency: tuning.deliveryConcurrency });
  if (processors.digest) startWorker('digest', { concurrency: 5 });
  if (processors.club) startWorker('club', { concurrency: 5 });

  const digests = new BullDigestScheduler(queues.digest, tuning);
  const announcements = new BullAnnouncementScheduler(queues.club, options.store, clock, tuning);
  if (processors.poll) {
    await queues.poll.upsertJobScheduler(POLL_SCHEDULER_ID, { pattern: options.config.pollCron, tz: options.config.pollTimeZone }, {
      name: JOBS.pollArxiv,
      opts: { removeOnComplete: tuning.keepCompleted, removeOnFail: tuning.keepFailed },
    });
  }
  if (processors.digest) await digests.reconcile(options.store, log);
  if (processors.club) await announcements.reconcile(log);

  let events: { poll: QueueEvents; deliver: QueueEvents } | null = null;
  const queueEvents = async () => {
    if (!events) {
      const make = (key: 'poll' | 'deliver') => {
        const e = new QueueEvents(QUEUES[key], { connection: workerConnection(base), prefix });
        e.on('error', (error) => connectionTrouble(error, `queue events ${QUEUES[key]}`));
        return e;
      };
      events = { poll: make('poll'), deliver: make('deliver') };
      await Promise.all([events.poll.waitUntilReady(), events.deliver.waitUntilReady()]);
    }
    return events;
  };

  const pollOnce = async (): Promise<PollSummary> => {
    const ev = await queueEvents();
    const started = await beginPoll(pollContext, `once-${clock.now().toISOString()}-${randomUUID().slice(0, 8)}`);
    const fanOutJob = await Job.fromId(queues.poll, started.fanOutJobId);
    if (!fanOutJob) throw new Error(`poll ${started.pollId}: fan-out job vanished`);
    const result = (await fanOutJob.waitUntilFinished(ev.poll)) as FanOutResult;
    let posted = 0;
    let failedDeliveries = 0;
    await Promise.all(
      result.deliveryJobs.map(async (id) => {
        const job = await Job.fromId(queues.deliver, id);
        if (!job) return;
        try {
          const delivery = (await job.waitUntilFinished(ev.deliver)) as DeliveryResult;
          posted += delivery.posted;
        } catch {
          failedDeliveries += 1;
        }
      }),
    );
    return { ...result, posted, failedDeliveries };
  };

  let closed = false;
  const close = async (closeOptions: { force?: boolean } = {}) => {
    if (closed) return;
    closed = true;
    await Promise.all(workers.map((w) => w.close(closeOptions.force ?? false)));
    if (events) await Promise.all([events.poll.close(), events.deliver.close()]);
    await Promise.all(Object.values(queues).map((q) => q.close()));
    await flow.close();
    if (redis.status !== 'end') await redis.quit();
  };

  const counts = async () => {
    const entries = await Promise.all(
      (Object.keys(queues) as QueueKey[]).map(async (key) => [key, await queues[key].getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')] as const),
    );
    return Object.fromEntries(entries) as Record<QueueKey, Record<string, number>>;
  };

  const resume = (channel: ChannelAddress) => resumeChannel({ store: options.store, alerts: alertQueue }, channel, `resume-${clock.now().toISOString()}`);
  const health = () => ({ redis: redis.status, workers: workers.length, running: !closed && workers.every((w) => w.isRunning()) });

  log.info({ processors, prefix }, 'job runtime started');
  const deliveryWorkersOnline = () => queues.deliver.getWorkersCount();
  const held = async (channel: ChannelAddress) => {
    const papers = await outbox.held(channel);
    return { papers: papers.length, oldestSince: papers.length > 0 ? new Date(papers[0]!.since) : null };
  };
  const queueList: ReadonlyArray<Queue> = Object.values(queues);
  return {
    digests,
    announcements,
    deliveries,
    pollOnce,
    resume,
    health,
    deliveryWorkersOnline,
    held,
    counts,
    queueStats: () => queueStats(queues, () => clock.now().getTime()),
    queues: () => queueList,
    close,
  };
}
