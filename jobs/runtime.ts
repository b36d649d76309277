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
import { systemClock, type ChatPort, type Clock, type DigestScheduler } from '../src/ports.ts';
import type { Store } from '../src/store/types.ts';
import { buildAliasTable, type AliasTable } from '../src/topics/match.ts';
import { arxivGateKey, createSharedArxivGate } from '../src/arxiv/shared-gate.ts';
import { queueConnection, redisOptionsFrom, workerConnection } from './connection.ts';
import { DEFAULT_TUNING, type JobContext, type JobTuning } from './context.ts';
import type { DeliveryResult } from './deliver.ts';
import { BullDigestScheduler } from './digest-scheduler.ts';
import type { FanOutResult } from './fan-out.ts';
import { assertEveryJobHasAHandler, HANDLERS } from './handlers.ts';
import { jobKeys } from './ids.ts';
import { isJobName, JOBS, POLL_SCHEDULER_ID, QUEUES, type QueueKey } from './names.ts';
import { beginPoll } from './poll-job.ts';

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
  processors?: { poll?: boolean; deliver?: boolean; digest?: boolean };
  /** Shorter timings for tests and the bench; defaults in DEFAULT_TUNING. */
  tuning?: Partial<JobTuning>;
}

export interface PollSummary extends FanOutResult {
  /** Papers posted by this poll's deliveries (alerts and summary entries). */
  posted: number;
  /** Delivery jobs that failed for good. */
  failedDeliveries: number;
}

export interface JobRuntime {
  digests: BullDigestScheduler & DigestScheduler;
  /** One poll now; resolves when every delivery it caused has finished or failed. */
  pollOnce(): Promise<PollSummary>;
  /** Jobs per state in each queue, for `status`. */
  counts(): Promise<Record<QueueKey, Record<string, number>>>;
  /** Stop taking jobs, finish current ones (unless forced), close connections. */
  close(options?: { force?: boolean }): Promise<void>;
}

export async function startJobRuntime(options: JobRuntimeOptions): Promise<JobRuntime> {
  assertEveryJobHasAHandler();
  const tuning: JobTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const base = redisOptionsFrom(options.redis);
  const log = options.log;
  const processors = { poll: true, deliver: true, digest: true, ...options.processors };
  const connection = queueConnection(base);
  const prefix = options.prefix;

  const redis = new Redis({ ...base, maxRetriesPerRequest: null });
  redis.on('error', (error) => log.warn({ err: error }, 'job runner Redis connection error'));

  const queues = Object.fromEntries(
    (Object.keys(QUEUES) as QueueKey[]).map((key) => {
      const queue = new Queue(QUEUES[key], { connection, prefix });
      queue.on('error', (error) => log.warn({ err: error, queue: QUEUES[key] }, 'queue error'));
      return [key, queue];
    }),
  ) as Record<QueueKey, Queue>;
  // pollOnce waits on every delivery job it caused; each wait adds a listener to the deliver queue.
  queues.deliver.setMaxListeners(0);
  const flow = new FlowProducer({ connection, prefix });
  flow.on('error', (error) => log.warn({ err: error }, 'flow producer error'));

  let aliases: AliasTable | null = null;
  const ctx: JobContext = {
    store: options.store,
    library: options.library,
    aliases: () => (aliases ??= buildAliasTable(options.library.entries)),
    config: options.config,
    log,
    clock: options.clock ?? systemClock,
    redis,
    keys: jobKeys(prefix),
    arxivGate: createSharedArxivGate({ redis, key: arxivGateKey(prefix), minIntervalMs: tuning.feedIntervalMs }),
    queues,
    flow,
    chat: options.chat,
    tuning,
  };

  const processor: Processor = async (job, token) => {
    if (!isJobName(job.name)) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    return HANDLERS[job.name](job, token, ctx);
  };
  const workers: Worker[] = [];
  const startWorker = (key: QueueKey, extra: { concurrency: number; limiter?: { max: number; duration: number } }) => {
    const worker = new Worker(QUEUES[key], processor, {
      connection: workerConnection(base),
      prefix,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      ...extra,
    });
    worker.on('error', (error) => log.warn({ err: error, queue: QUEUES[key] }, 'worker error'));
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

  const digests = new BullDigestScheduler(queues.digest, tuning);
  if (processors.poll) {
    await queues.poll.upsertJobScheduler(POLL_SCHEDULER_ID, { pattern: options.config.pollCron, tz: options.config.pollTimeZone }, {
      name: JOBS.pollArxiv,
      opts: { removeOnComplete: tuning.keepCompleted, removeOnFail: tuning.keepFailed },
    });
  }
  if (processors.digest) await digests.reconcile(options.store, log);

  let events: { poll: QueueEvents; deliver: QueueEvents } | null = null;
  const queueEvents = async () => {
    if (!events) {
      const make = (key: 'poll' | 'deliver') => {
        const e = new QueueEvents(QUEUES[key], { connection: workerConnection(base), prefix });
        e.on('error', (error) => log.warn({ err: error, queue: QUEUES[key] }, 'queue events error'));
        return e;
      };
      events = { poll: make('poll'), deliver: make('deliver') };
      await Promise.all([events.poll.waitUntilReady(), events.deliver.waitUntilReady()]);
    }
    return events;
  };

  const pollOnce = async (): Promise<PollSummary> => {
    const ev = await queueEvents();
    const started = await beginPoll(ctx, `once-${ctx.clock.now().toISOString()}-${randomUUID().slice(0, 8)}`);
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

  log.info({ processors, prefix }, 'job runtime started');
  return { digests, pollOnce, counts, close };
}
