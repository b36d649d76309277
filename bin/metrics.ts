/**
 * Prometheus metrics for one process (the bot or a worker), served at GET /metrics. The rest of the
 * code reports events through the narrow `Metrics` port (src/ports.ts); only this file knows
 * prom-client. One Registry per process, default Node metrics included. docs/operations.md lists
 * every series and what to alert on.
 *
 * prom-client takes 70-110 ms to import on the 2-vCPU development machine, so it is loaded after the
 * process is serving (`load()`, called by the composition root once HTTP listens), never on the way
 * to it. Events reported before then are kept (at most MAX_EARLY) and replayed when it has loaded;
 * a scrape waits for the load.
 */
import type { Counter, Histogram, Registry } from 'prom-client';
import type { HttpRoute } from '../adapters/types.ts';
import type { Logger } from '../src/log.ts';
import type { Metrics } from '../src/ports.ts';
import type { JobRuntime } from '../jobs/runtime.ts';
import type { RedisLink } from './redis-link.ts';
import { pingRedis } from './redis-ping.ts';
import { within } from './within.ts';

export type ProcessRole = 'bot' | 'worker';

/** What a scrape reads on demand; each is optional (a process without a job runtime has no queues). */
export interface MetricSources {
  /** Queue stats from the job runtime, or null while it does not run (Redis not there yet). */
  queues?: () => Promise<Record<string, QueueSnapshot> | null>;
  /** A real PING: `up` false when it failed or timed out. */
  redis?: () => Promise<{ up: boolean; seconds: number | null }>;
}

/** What the bot and a worker scrape: the job runtime's queues (once it runs) and a PING over the process's Redis link. */
export function processSources(redis: RedisLink, runtime: () => JobRuntime | null): MetricSources {
  return {
    queues: async () => runtime()?.queueStats() ?? null,
    redis: async () => {
      const ping = await pingRedis(redis.client());
      return ping.ok ? { up: true, seconds: ping.ms / 1000 } : { up: false, seconds: null };
    },
  };
}

export interface QueueSnapshot {
  counts: Record<string, number>;
  oldestWaitingS: number | null;
  oldestActiveS: number | null;
}

export interface ProcessMetrics {
  /** The port handed to core, adapters and jobs. Never throws. */
  readonly metrics: Metrics;
  /** GET /metrics in Prometheus' text format. */
  readonly route: HttpRoute;
  /** Loads prom-client and replays what was reported meanwhile. Idempotent. */
  load(): Promise<void>;
  /** The registry's text, as a scrape gets it (tests). */
  scrape(): Promise<string>;
}

/** Ack and command latencies: Slack and Discord allow 3 s; the interesting part is well below. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5];
/** Events kept before prom-client has loaded (start-up only; far more than a start-up produces). */
const MAX_EARLY = 10_000;
/** One scrape reads the queues once, though two gauges show them. */
const SNAPSHOT_TTL_MS = 1000;
/** A scrape never hangs on a Redis that does not answer: the queue gauges are left out instead. */
const SOURCE_TIMEOUT_MS = 2000;

interface Instruments {
  registry: Registry;
  contentType: string;
  commands: Counter<'platform' | 'command' | 'outcome'>;
  commandSeconds: Histogram<'platform' | 'command'>;
  ackSeconds: Histogram<'platform' | 'transport'>;
  deliveries: Counter<'platform' | 'kind' | 'outcome'>;
  feedPolls: Counter<'feed' | 'outcome' | 'weekday' | 'announcement'>;
  feedItems: Counter<'feed'>;
}

type Event = (i: Instruments) => void;

export function createProcessMetrics(options: { role: ProcessRole; version: string; sources?: MetricSources; log: Logger }): ProcessMetrics {
  const { role, version, log } = options;
  const sources = options.sources ?? {};
  let instruments: Instruments | null = null;
  let loading: Promise<Instruments> | null = null;
  const early: Event[] = [];
  let droppedEarly = 0;

  const report = (event: Event) => {
    try {
      if (instruments) event(instruments);
      else if (early.length < MAX_EARLY) early.push(event);
      else droppedEarly += 1;
    } catch (error) {
      log.warn({ err: error }, 'could not count a metric');
    }
  };

  const metrics: Metrics = {
    commandAnswered: ({ platform, command, outcome, seconds }) =>
      report((i) => {
        i.commands.inc({ platform, command, outcome });
        i.commandSeconds.observe({ platform, command }, seconds);
      }),
    acknowledged: ({ platform, transport, seconds }) => report((i) => i.ackSeconds.observe({ platform, transport }, seconds)),
    deliveryEvent: ({ platform, kind, outcome }) => report((i) => i.deliveries.inc({ platform, kind, outcome })),
    feedPolled: ({ feed, outcome, weekday, announcementExpected, items }) =>
      report((i) => {
        i.feedPolls.inc({ feed, outcome, weekday, announcement: announcementExpected ? 'expected' : 'none' });
        if (items > 0) i.feedItems.inc({ feed }, items);
      }),
  };

  const snapshot = memoFor(SNAPSHOT_TTL_MS, async () => (sources.queues ? within(SOURCE_TIMEOUT_MS, sources.queues()) : null));

  const build = async (): Promise<Instruments> => {
    const client = await import('prom-client');
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry });
    const registers = [registry];
    new client.Gauge({ name: 'paperclub_info', help: 'Always 1: the process role (bot or worker) and the paperclub version', labelNames: ['role', 'version'], registers }).set({ role, version }, 1);
    const built: Instruments = {
      registry,
      contentType: registry.contentType,
      commands: new client.Counter({
        name: 'paperclub_commands_total',
        help: 'Chat commands answered, by platform, command and outcome (ok, an error code such as not_allowed, or failed)',
        labelNames: ['platform', 'command', 'outcome'],
        registers,
      }),
      commandSeconds: new client.Histogram({
        name: 'paperclub_command_duration_seconds',
        help: 'Time to build a command answer',
        labelNames: ['platform', 'command'],
        buckets: LATENCY_BUCKETS,
        registers,
      }),
      ackSeconds: new client.Histogram({
        name: 'paperclub_ack_duration_seconds',
        help: "From a Slack or Discord request arriving to its acknowledgement going out (the platforms allow 3 s)",
        labelNames: ['platform', 'transport'],
        buckets: LATENCY_BUCKETS,
        registers,
      }),
      deliveries: new client.Counter({
        name: 'paperclub_deliveries_total',
        help: 'Delivery steps by platform, kind (alert, summary, digest, ...) and outcome (posted, already_posted, repeated, retried, uncertain, rate_limited, lookup_rate_limited, blocked, abandoned)',
        labelNames: ['platform', 'kind', 'outcome'],
        registers,
      }),
      feedPolls: new client.Counter({
        name: 'paperclub_feed_polls_total',
        help: "arXiv feed fetches by feed, outcome (ok, not_modified, empty, stale, error), the feed's Eastern weekday and whether arXiv had announced papers for it",
        labelNames: ['feed', 'outcome', 'weekday', 'announcement'],
        registers,
      }),
      feedItems: new client.Counter({ name: 'paperclub_feed_items_total', help: 'Items read from arXiv feeds', labelNames: ['feed'], registers }),
    };
    new client.Gauge({
      name: 'paperclub_queue_jobs',
      help: 'Jobs per queue and state (the whole deployment: every process reports the same Redis)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const [queue, stats] of Object.entries((await snapshot()) ?? {})) {
          for (const [state, count] of Object.entries(stats.counts)) this.set({ queue, state }, count);
        }
      },
    });
    new client.Gauge({
      name: 'paperclub_queue_oldest_job_age_seconds',
      help: 'Age of the oldest waiting job (since added) and the longest-running active job (since taken), per queue',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const [queue, stats] of Object.entries((await snapshot()) ?? {})) {
          this.set({ queue, state: 'waiting' }, stats.oldestWaitingS ?? 0);
          this.set({ queue, state: 'active' }, stats.oldestActiveS ?? 0);
        }
      },
    });
    if (sources.redis) {
      const ping = memoFor(SNAPSHOT_TTL_MS, sources.redis);
      new client.Gauge({
        name: 'paperclub_redis_up',
        help: '1 when Redis answered a PING within the timeout, else 0',
        registers,
        async collect() {
          this.set((await ping()).up ? 1 : 0);
        },
      });
      new client.Gauge({
        name: 'paperclub_redis_ping_seconds',
        help: 'Round trip of the last PING that was answered (not updated while Redis does not answer: see paperclub_redis_up)',
        registers,
        async collect() {
          const { seconds } = await ping();
          if (seconds !== null) this.set(seconds);
        },
      });
    }
    return built;
  };

  const load = async () => {
    loading ??= build().then((built) => {
      instruments = built;
      for (const event of early.splice(0)) event(built);
      if (droppedEarly > 0) log.warn({ dropped: droppedEarly }, 'metrics reported before prom-client loaded were dropped');
      return built;
    });
    await loading;
  };

  const scrape = async () => {
    await load();
    return instruments!.registry.metrics();
  };

  const route: HttpRoute = async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('GET only');
      return;
    }
    const text = await scrape();
    res.writeHead(200, { 'content-type': instruments!.contentType }).end(req.method === 'HEAD' ? undefined : text);
  };

  return { metrics, route, load, scrape };
}

/** The same promise for `ms` after a call, so one scrape asks once. */
function memoFor<T>(ms: number, work: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > ms) last = { at: now, value: work() };
    return last.value;
  };
}
