/**
 * The process's link to Redis, whatever state Redis is in. A configured REDIS_URL that does not answer
 * at start (down, unreachable, wrong host) does not hold the process up: the link starts in `waiting`,
 * checks again every few seconds, says so once a minute, and calls everyone who asked (`whenReady`)
 * the moment Redis answers: the bot then turns channel state and jobs on. Once connected, ioredis
 * reconnects by itself after a Redis restart, and `state()` reports it.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { everyMinuteAtMost, type Logger } from '../src/log.ts';
import { redisAnswers, type RedisPlan } from './redis-bootstrap.ts';

export type RedisLinkState = 'connected' | 'connecting' | 'reconnecting' | 'disconnected' | 'waiting' | 'none';

export interface RedisLink {
  /** The shared connection (store, gates, replay guard) once Redis answered; null before, or without Redis. */
  client(): Redis | null;
  options(): RedisOptions | null;
  state(): RedisLinkState;
  /** Why there is no Redis yet (or at all), for logs and /healthz. */
  detail(): string;
  /** Runs `ready` once Redis answers: now, when it already does. Errors are logged, not thrown. */
  whenReady(ready: (client: Redis, options: RedisOptions) => void | Promise<void>): void;
  close(): Promise<void>;
}

export interface RedisLinkOptions {
  plan: RedisPlan;
  log: Logger;
  /** How often to look for a Redis that did not answer. */
  retryMs?: number;
  /** How long one check may take. */
  probeTimeoutMs?: number;
}

export async function openRedisLink(options: RedisLinkOptions): Promise<RedisLink> {
  const { plan, log } = options;
  const retryMs = options.retryMs ?? 5000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 1000;
  let client: Redis | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const waiting: Array<(client: Redis, options: RedisOptions) => void | Promise<void>> = [];
  const trouble = everyMinuteAtMost((suppressed: number, error: unknown) =>
    log.warn({ err: error, suppressed }, 'Redis connection error (repeats are counted, not logged)'),
  );
  const stillDown = everyMinuteAtMost((suppressed: number, where: string) =>
    log.warn({ redis: where, checks: suppressed + 1 }, 'Redis does not answer: search, show and cite work; channel settings, alerts and digests wait for it'),
  );

  const connect = (redisOptions: RedisOptions) => {
    client = new Redis({ ...redisOptions, maxRetriesPerRequest: 3 });
    client.on('error', (error) => trouble(error));
    for (const ready of waiting.splice(0)) run(ready, client, redisOptions);
  };
  // Synchronous when it can be, so what needs Redis is switched on before the caller goes on.
  const run = (ready: (client: Redis, options: RedisOptions) => void | Promise<void>, c: Redis, o: RedisOptions) => {
    const failed = (error: unknown) => log.error({ err: error }, 'starting what needs Redis failed');
    try {
      void Promise.resolve(ready(c, o)).catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  if (plan.kind !== 'none') {
    const redisOptions = plan.options;
    if (plan.kind !== 'configured' || (await redisAnswers(redisOptions, probeTimeoutMs))) {
      connect(redisOptions);
    } else {
      stillDown(plan.describe);
      const check = async () => {
        if (closed) return;
        if (await redisAnswers(redisOptions, probeTimeoutMs)) {
          log.info({ redis: plan.describe }, 'Redis answers again: channel settings, alerts and digests are on');
          connect(redisOptions);
          return;
        }
        stillDown(plan.describe);
        timer = setTimeout(() => void check(), retryMs).unref();
      };
      timer = setTimeout(() => void check(), retryMs).unref();
    }
  }

  return {
    client: () => client,
    options: () => (client && plan.kind !== 'none' ? plan.options : null),
    state: () => {
      if (plan.kind === 'none') return 'none';
      if (!client) return 'waiting';
      const status = (client as Redis).status;
      if (status === 'ready') return 'connected';
      if (status === 'wait' || status === 'connecting' || status === 'connect') return 'connecting';
      return status === 'reconnecting' ? 'reconnecting' : 'disconnected';
    },
    detail: () => (plan.kind === 'none' ? plan.reason : client ? plan.describe : `${plan.describe} does not answer; checking every ${Math.round(retryMs / 1000)} s`),
    whenReady(ready) {
      if (client && plan.kind !== 'none') run(ready, client, plan.options);
      else if (plan.kind !== 'none') waiting.push(ready);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client as Redis | null;
      if (c && c.status !== 'end') await c.quit().catch(() => c.disconnect());
      await plan.stop();
    },
  };
}

/**
 * A link while its Redis is still being found or started (provisionRedis: a probe of 127.0.0.1:6379,
 * a private redis-server, a configured REDIS_URL's first answer), for a process that serves before
 * that: `waiting`, with `looking` as its detail, then whatever the opened link says. `whenReady`
 * callbacks wait for the opened link; `close` waits for the opening, then closes what it opened
 * (a private redis-server included).
 */
export function linkWhileOpening(opening: Promise<RedisLink>, looking: string): RedisLink {
  let link: RedisLink | null = null;
  const queued: Array<(client: Redis, options: RedisOptions) => void | Promise<void>> = [];
  const settled = opening.then(
    (opened) => {
      link = opened;
      for (const ready of queued.splice(0)) opened.whenReady(ready);
      return opened;
    },
    () => null,
  );
  return {
    client: () => link?.client() ?? null,
    options: () => link?.options() ?? null,
    state: () => link?.state() ?? 'waiting',
    detail: () => link?.detail() ?? looking,
    whenReady(ready) {
      if (link) link.whenReady(ready);
      else queued.push(ready);
    },
    async close() {
      await (await settled)?.close();
    },
  };
}
