/**
 * The operator CLI's wiring to Redis, the job runner, arXiv and the chat platforms (bin/cli.ts loads
 * it on first use): the store, the digest scheduler, `poll --once`, `resume`, queue counts, `enrich`
 * through the deployment's shared arXiv gate, and posting for `--share`. Nothing here parses
 * arguments or prints answers: the commands are the definitions in src/commands, run by the CLI
 * adapter (adapters/cli). Each piece opens (and its modules load) on first use, so a command only
 * connects to what it uses: `topics list` never loads BullMQ or a chat SDK.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { enrichLibrary, type EnrichResult } from '../src/arxiv/enrich.ts';
import { arxivGateKey, createSharedArxivGate } from '../src/arxiv/shared-gate.ts';
import { formatChannelAddress, type ChannelAddress, type Platform } from '../src/channel-address.ts';
import type { DeliveryStatus, OperatorServices, ResumeResult } from '../src/commands/types.ts';
import type { Config } from '../src/config.ts';
import { PaperclubError } from '../src/errors.ts';
import type { Library } from '../src/library/library.ts';
import type { Logger } from '../src/log.ts';
import type { Message } from '../src/messages/message.ts';
import { DeliveryError, systemClock, type ChatPort, type Clock, type ClubAnnouncements, type DigestScheduler } from '../src/ports.ts';
import { createRedisStore } from '../src/store/redis/index.ts';
import type { Store } from '../src/store/types.ts';
import { unavailableStore } from '../src/store/unavailable.ts';
import type { JobTuning } from '../jobs/context.ts';
import type { JobRuntime } from '../jobs/runtime.ts';
import { lazyStore } from './lazy-store.ts';
import { privateRedisSocket, provisionRedis, redisAnswers, redisOptionsFromUrl } from './redis-bootstrap.ts';

export interface OperatorWiringOptions {
  config: Config;
  log: Logger;
  library: Library;
  /** Where `enrich` writes the arXiv cache. */
  seedsDir: string;
  /** Where posts to console channels print (the run's stdout; stderr under --json). */
  consoleOutput(text: string): void;
  /**
   * Redis to use instead of the configuration's (tests: their own prefix): connection options and a
   * store on it, or null for "no Redis".
   */
  redis?: { options: RedisOptions; store: Store } | null;
  /** Chat ports for deliveries and --share instead of the ones the configuration's tokens give. */
  chat?: Partial<Record<Platform, ChatPort>>;
  clock?: Clock;
  tuning?: Partial<JobTuning>;
}

export interface OperatorWiring {
  store: Store;
  digests: DigestScheduler;
  /** Plans club announcements on the deployment's job runner (`club schedule|skip|unschedule`). */
  announcements: ClubAnnouncements;
  operator: OperatorServices;
  deliveries: DeliveryStatus;
  /** Posts into a channel through its platform's port (`--share`). */
  post(channel: ChannelAddress, message: Message): Promise<void>;
  /** Stops the job runner, closes Redis (and a private redis-server this run started). */
  close(): Promise<void>;
}

interface Connection {
  /** Null when no Redis could be had; `reason` says why. */
  options: RedisOptions | null;
  reason: string;
  store: Store;
  close(): Promise<void>;
}

export function createOperatorWiring(o: OperatorWiringOptions): OperatorWiring {
  const log = o.log;
  const clock = o.clock ?? systemClock;
  let chatPorts: Promise<Partial<Record<Platform, ChatPort>>> | undefined;
  const chat = () =>
    (chatPorts ??= o.chat ? Promise.resolve(o.chat) : import('./delivery-ports.ts').then((ports) => ports.deliveryChatPorts(o.config, log, o.consoleOutput)));

  // ---- Redis: the configured one, a local one, or a private redis-server (bin/redis-bootstrap.ts) ----
  let connecting: Promise<Connection> | undefined;
  const connect = (): Promise<Connection> =>
    (connecting ??= (async (): Promise<Connection> => {
      if (o.redis !== undefined) {
        if (o.redis === null) return { options: null, reason: 'no Redis in this run', store: unavailableStore('no Redis in this run'), close: async () => {} };
        return { options: o.redis.options, reason: '', store: o.redis.store, close: async () => {} };
      }
      const plan = await provisionRedis({ url: o.config.redis.url, dataDir: o.config.dataDir, log });
      if (plan.kind === 'none') return { options: null, reason: plan.reason, store: unavailableStore(plan.reason), close: () => plan.stop() };
      const redis = new Redis({ ...plan.options, maxRetriesPerRequest: 3 });
      redis.on('error', (error) => log.warn({ err: error }, 'Redis connection error'));
      const store = createRedisStore(redis, o.config.redis.prefix);
      return {
        options: plan.options,
        reason: '',
        store,
        close: async () => {
          await store.close();
          await plan.stop();
        },
      };
    })());

  // ---- the job runner: queues and schedulers; workers only for `poll --once` ----
  let runtime: { workers: boolean; started: Promise<JobRuntime> } | undefined;
  // Memoised before anything is awaited, so concurrent callers share one runner.
  const jobs = (workers: boolean): Promise<JobRuntime> => {
    if (runtime && (runtime.workers || !workers)) return runtime.started;
    const previous = runtime?.started;
    const started = (async () => {
      if (previous) await (await previous).close();
      const connection = await connect();
      if (!connection.options) {
        throw new PaperclubError('storage_unavailable', `Digests and polls need Redis, which is not available: ${connection.reason}`);
      }
      const { startJobRuntime } = await import('../jobs/runtime.ts');
      return startJobRuntime({
        redis: connection.options,
        prefix: o.config.redis.prefix,
        store: connection.store,
        library: o.library,
        chat: await chat(),
        config: o.config,
        log: log.child({ component: 'jobs' }),
        clock,
        processors: { poll: workers, deliver: workers, digest: workers, club: workers },
        ...(o.tuning ? { tuning: o.tuning } : {}),
      });
    })();
    runtime = { workers, started };
    return started;
  };

  const store = lazyStore(async () => (await connect()).store);

  const digests: DigestScheduler = {
    schedule: async (channel, schedule) => (await jobs(false)).digests.schedule(channel, schedule),
    cancel: async (channel) => (await jobs(false)).digests.cancel(channel),
    nextRun: async (channel) => ((await connect()).options ? (await jobs(false)).digests.nextRun(channel) : null),
  };

  const announcements: ClubAnnouncements = {
    follow: async (channel) => (await jobs(false)).announcements.follow(channel),
    cancel: async (channel) => (await jobs(false)).announcements.cancel(channel),
  };

  // Unblock, then queue what the channel held back (jobs/delivery/resume.ts). The block's date is read
  // first: resuming clears it.
  const resume = async (channel: ChannelAddress): Promise<ResumeResult> => {
    const { store: s } = await connect();
    const health = await s.channelHealth(channel);
    const runtime = await jobs(false);
    const result = await runtime.resume(channel);
    if (result.blockedReason) log.info({ channel: formatChannelAddress(channel), reason: result.blockedReason, held: result.held }, 'deliveries resumed');
    return {
      stopped: result.blockedReason ? { reason: result.blockedReason, since: health.blockedAt } : null,
      heldBack: result.held,
      oldestSince: result.oldestSince?.toISOString() ?? null,
      workersOnline: await runtime.deliveryWorkersOnline(),
    };
  };

  const deliveries: DeliveryStatus = {
    heldBack: async (channel) => {
      if (!(await connect()).options) return { papers: 0, oldestSince: null };
      const held = await (await jobs(false)).held(channel);
      return { papers: held.papers, oldestSince: held.oldestSince?.toISOString() ?? null };
    },
  };

  // Enrichment talks to arXiv. When the deployment's Redis answers, requests are spaced by the gate the
  // bot and workers share, so a CLI run next to a running bot still keeps arXiv's limit.
  const enrich = async ({ force }: { force: boolean }): Promise<EnrichResult> => {
    const options =
      o.redis?.options ??
      (o.config.redis.url === 'private' ? { path: privateRedisSocket(o.config.dataDir) } : redisOptionsFromUrl(o.config.redis.url ?? 'redis://127.0.0.1:6379'));
    const redis = o.redis !== null && (await redisAnswers(options)) ? new Redis(options) : null;
    try {
      const gate = redis ? createSharedArxivGate({ redis, key: arxivGateKey(o.config.redis.prefix) }) : undefined;
      return await enrichLibrary({ library: o.library, seedsDir: o.seedsDir, apiUrl: o.config.arxiv.apiUrl, userAgent: o.config.arxiv.userAgent, log, force, gate, clock });
    } finally {
      redis?.disconnect();
    }
  };

  const operator: OperatorServices = {
    pollOnce: async () => (await jobs(true)).pollOnce(),
    resume,
    queueCounts: async () => ((await connect()).options ? (await jobs(false)).counts() : null),
    enrich,
  };

  const post = async (channel: ChannelAddress, message: Message): Promise<void> => {
    const port = (await chat())[channel.platform];
    const where = formatChannelAddress(channel);
    if (!port) throw new PaperclubError('config_invalid', `cannot post to ${where}: set the ${channel.platform === 'slack' ? 'SLACK_BOT_TOKEN' : 'DISCORD_TOKEN'} the bot uses`);
    try {
      await port.post(channel, message);
    } catch (error) {
      if (error instanceof DeliveryError) {
        throw new PaperclubError('upstream_failed', `posting to ${where} failed: ${error.message}`, { channel: where }, { cause: error });
      }
      throw error;
    }
  };

  const close = async () => {
    if (runtime) await (await runtime.started.catch(() => null))?.close();
    if (connecting) await (await connecting).close();
  };

  return { store, digests, announcements, operator, deliveries, post, close };
}
