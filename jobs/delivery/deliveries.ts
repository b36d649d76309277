/**
 * Delivery, end to end: post a platform-neutral Message into a channel exactly once under a caller's
 * delivery id, and say what happened. Alerts, alert summaries and digests go through `send`; so can any
 * later feature that posts (club sessions): pick an id that names the post (`session:<id>:announce`)
 * and call `send` as often as you like.
 *
 * One call:
 *  1. A channel blocked by an earlier permanent error: nothing is sent (`blocked`).
 *  2. The delivery record is taken under a lease (records.ts); a record already `posted` answers at once.
 *  3. An earlier attempt whose outcome is unknown (timeout, connection lost after sending, 5xx, a worker
 *     killed mid-request) is resolved by asking the platform, not by guessing:
 *       - within the platform's own repeat window (Discord: the enforced nonce), posting again with the
 *         same id returns the first message;
 *       - otherwise, once the attempt had time to land (`settleMs`), `findDelivery` looks for it
 *         (Slack: history + metadata; Discord: the bot's messages since then). Found: posted. Not there:
 *         post. Cannot tell (no history permission): give up without posting (`abandoned`): never twice.
 *  4. The channel's send slot is taken right before the request goes out (pace.ts), across processes.
 *  5. The answer decides: posted; 429 (wait Retry-After, the channel stays shut for everyone); nothing
 *     posted (retry with backoff); maybe posted (retry, which starts at 3); permanent (block the channel).
 *
 * Waits are thrown as DeliveryWait (the job is delayed, no attempt used), failures as DeliveryFailed.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { formatChannelAddress, type ChannelAddress, type Platform } from '../../src/channel-address.ts';
import type { Logger } from '../../src/log.ts';
import type { Message } from '../../src/messages/message.ts';
import { DeliveryError, noMetrics, type ChatPort, type DeliveryEventKind, type DeliveryFailure, type DeliveryLookupRequest, type Metrics } from '../../src/ports.ts';
import type { StatusStore } from '../../src/store/types.ts';
import { holdChannel, takeSendSlot } from './pace.ts';
import { DeliveryRecords, type DeliveryRecord } from './records.ts';

export interface DeliveryTuning {
  /** Minimum gap between two requests into one channel, per platform. */
  intervalMs: Record<Platform, number>;
  /** How long one worker holds a delivery; longer than a request can take. */
  leaseMs: number;
  /** An unknown outcome is looked up no sooner than this after its attempt began (a slow post may land). */
  settleMs: number;
  /** Resolved records are kept this long: the same id within it is recognised as posted. */
  recordTtlSeconds: number;
}

export const DEFAULT_DELIVERY_TUNING: DeliveryTuning = {
  intervalMs: { slack: 1100, discord: 1100, console: 0 },
  leaseMs: 60_000,
  settleMs: 20_000,
  recordTtlSeconds: 90 * 24 * 3600,
};

/** A platform's repeat window must still be open when the repeat arrives: keep this much in hand. */
const REPEAT_MARGIN_MS = 10_000;
/** Waits shorter than this are slept through instead of delaying the job. */
const INLINE_WAIT_MS = 50;

export interface DeliveryRequest {
  channel: ChannelAddress;
  /** The caller's id: at most one message per (channel, id). */
  id: string;
  /**
   * The message, or a function that builds it (once, when the delivery is new; then it is stored and
   * every attempt posts the same). A builder may add `meta`: small notes kept with the delivery and
   * handed back in every outcome (e.g. when a digest was built).
   */
  message: Message | (() => Promise<Message | PreparedMessage>);
  /** Post as a reply in this discussion thread (ChatPort.openThread's id); the id stays per channel. */
  thread?: string;
  log?: Logger;
}

export interface PreparedMessage {
  message: Message;
  meta: Record<string, string>;
}

export type DeliveryOutcome =
  | { kind: 'posted'; messageId: string; postedAt: Date; firstTriedAt: Date; via: 'post' | 'lookup' | 'repeat' | 'record'; meta: Record<string, string> }
  /** The outcome of an earlier attempt could not be found out: not posted again (at most once). */
  | { kind: 'abandoned'; reason: string; postedAt: Date; firstTriedAt: Date; meta: Record<string, string> }
  | { kind: 'blocked'; reason: string };

export type WaitReason = 'pace' | 'rate_limited' | 'busy' | 'settling' | 'lookup_rate_limited';

/** Not now: try again in `retryInMs` (it costs no attempt). */
export class DeliveryWait extends Error {
  constructor(
    readonly retryInMs: number,
    readonly why: WaitReason,
  ) {
    super(`delivery waits ${retryInMs} ms (${why})`);
    this.name = 'DeliveryWait';
  }
}

/** The attempt failed: `transient`/`uncertain` retry with backoff, `permanent` blocked the channel. */
export class DeliveryFailed extends Error {
  constructor(
    readonly failure: Exclude<DeliveryFailure, { kind: 'rate_limited' }>,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryFailed';
  }
}

export interface Deliveries {
  send(request: DeliveryRequest): Promise<DeliveryOutcome>;
  /** Counters since the deployment's Redis was new: posted, found_by_lookup, abandoned_uncertain, … */
  stats(): Promise<Record<string, number>>;
}

export interface DeliveriesDeps {
  redis: Redis;
  prefix: string;
  chat: Partial<Record<Platform, ChatPort>>;
  channels: Pick<StatusStore, 'channelHealth' | 'blockChannel'>;
  tuning?: Partial<DeliveryTuning>;
  log: Logger;
  /** Each step's outcome for /metrics (the Redis counters below are the deployment-wide totals). */
  metrics?: Metrics;
}

const part = (text: string) => encodeURIComponent(text);

export function deliveryKeys(prefix: string) {
  return {
    record: (channel: ChannelAddress, id: string) => `${prefix}:jobs:delivery:${part(formatChannelAddress(channel))}:${part(id)}`,
    pace: (channel: ChannelAddress) => `${prefix}:jobs:pace:${part(formatChannelAddress(channel))}`,
    stats: `${prefix}:jobs:delivery-stats`,
  };
}

export function createDeliveries(deps: DeliveriesDeps): Deliveries {
  const tuning: DeliveryTuning = { ...DEFAULT_DELIVERY_TUNING, ...deps.tuning };
  const keys = deliveryKeys(deps.prefix);
  const records = new DeliveryRecords(deps.redis);
  const processId = `${hostname()}:${process.pid}`;
  const count = (field: string) => deps.redis.hincrby(keys.stats, field, 1).catch(() => 0);
  const metrics = deps.metrics ?? noMetrics;
  const observe = (channel: ChannelAddress, id: string, outcome: DeliveryEventKind) =>
    metrics.deliveryEvent({ platform: channel.platform, kind: deliveryKind(id), outcome });

  async function send(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const { channel, id } = request;
    const where = formatChannelAddress(channel);
    const log = (request.log ?? deps.log).child({ channel: where, delivery: id });
    const key = keys.record(channel, id);

    const existing = await records.read(key);
    if (existing && (existing.state === 'posted' || existing.state === 'abandoned')) return resolved(existing, 'record');
    const health = await deps.channels.channelHealth(channel);
    if (health.blockedReason !== null) return { kind: 'blocked', reason: health.blockedReason };

    const owner = `${processId}:${randomUUID()}`;
    let messageJson = existing?.message;
    let metaJson = existing?.meta ?? '{}';
    if (messageJson === undefined) {
      const built = typeof request.message === 'function' ? await request.message() : request.message;
      const prepared: PreparedMessage = 'blocks' in built ? { message: built, meta: {} } : built;
      messageJson = JSON.stringify(prepared.message);
      metaJson = JSON.stringify(prepared.meta);
    }
    const acquired = await records.acquire(key, owner, tuning.leaseMs, messageJson, tuning.recordTtlSeconds, metaJson);
    if (acquired.status === 'absent') throw new Error(`delivery ${id}: record vanished while being created`);
    if (acquired.status === 'busy') throw new DeliveryWait(acquired.retryInMs, 'busy');
    if (acquired.status === 'posted' || acquired.status === 'abandoned') return resolved(acquired.record, 'record');
    const record = acquired.record;
    const message = JSON.parse(record.message ?? messageJson) as Message;
    const meta = parseMeta(record.meta);
    const release = (change: Parameters<DeliveryRecords['change']>[2] = {}) => records.change(key, owner, { ...change, release: true });

    const port = deps.chat[channel.platform];
    if (!port) {
      await release();
      // Not permanent: another worker (or this one after a restart) may have the platform's token.
      throw new DeliveryFailed({ kind: 'transient', reason: `no ${channel.platform} chat port in this worker` }, `cannot post to ${where}: no ${channel.platform} chat port in this worker`);
    }

    let repeat = false;
    if (acquired.status === 'uncertain') {
      const since = record.uncertainSince ?? record.attemptAt ?? record.createdAt;
      const age = acquired.now - since;
      if (port.repeatSafeForMs > 0 && age + REPEAT_MARGIN_MS < port.repeatSafeForMs) {
        // The platform turns a repeat with the same id into the first message: no lookup needed.
        repeat = true;
        log.info({ ageMs: age }, 'earlier attempt unresolved; posting again under the same id, which the platform deduplicates');
      } else {
        if (age < tuning.settleMs) {
          await release();
          throw new DeliveryWait(tuning.settleMs - age, 'settling');
        }
        const found = await lookUp(port, channel, { deliveryId: id, message, since: new Date(since), ...(request.thread ? { threadId: request.thread } : {}) }, log, release);
        if (found.kind === 'posted') {
          const posted = await records.change(key, owner, { state: 'posted', messageId: found.messageId, via: 'lookup', force: true, ttl: tuning.recordTtlSeconds });
          void count('found_by_lookup');
          observe(channel, id, 'already_posted');
          log.info({ messageId: found.messageId }, 'earlier attempt had posted: found it, not posting again');
          // The record's post time, so a later call (after a crash) reports the very same time.
          return { kind: 'posted', messageId: found.messageId, postedAt: new Date(posted?.postedAt ?? acquired.now), firstTriedAt: new Date(record.createdAt), via: 'lookup', meta };
        }
        if (found.kind === 'unknown') {
          const abandoned = await records.change(key, owner, { state: 'abandoned', via: 'abandoned', reason: found.reason, force: true, ttl: tuning.recordTtlSeconds });
          void count('abandoned_uncertain');
          observe(channel, id, 'abandoned');
          log.warn({ reason: found.reason }, 'cannot find out whether an earlier attempt posted; not posting again (at most once)');
          return resolved(abandoned ?? { ...record, state: 'abandoned', reason: found.reason }, 'record');
        }
        // Looked, not there: nothing was posted. The next attempt is a fresh one.
        await records.change(key, owner, { state: 'pending', resolve: true });
        void count('not_found_reposted');
        log.info('earlier attempt did not post (not in the channel); posting now');
      }
    }

    // Marked first, so nothing but the slot itself stands between taking the slot and sending: the
    // pace is measured where the platform counts it, when requests arrive.
    const sending = await records.change(key, owner, { sending: true, leaseMs: tuning.leaseMs });
    // Another worker took the delivery over (this one was too slow to keep its lease): let it finish.
    if (!sending) throw new DeliveryWait(Math.min(tuning.leaseMs, 2000), 'busy');
    // "Nothing posted" undoes only this attempt: after a repeat, the earlier attempt's uncertainty stands
    // until a lookup or the platform's repeat settles it.
    const notPosted = repeat ? {} : ({ state: 'pending', resolve: true } as const);
    const wait = await takeSendSlot(deps.redis, keys.pace(channel), tuning.intervalMs[channel.platform]);
    if (wait > INLINE_WAIT_MS) {
      await release(notPosted);
      throw new DeliveryWait(wait, 'pace');
    }
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const firstTriedAt = new Date(sending.createdAt);
    try {
      const { messageId } = await port.post(channel, message, { deliveryId: id, ...(request.thread ? { threadId: request.thread } : {}) });
      const posted = await records.change(key, owner, { state: 'posted', messageId, via: repeat ? 'repeat' : 'post', force: true, ttl: tuning.recordTtlSeconds });
      void count(repeat ? 'posted_repeat' : 'posted');
      observe(channel, id, repeat ? 'repeated' : 'posted');
      log.info({ messageId, attempt: sending.attempts }, repeat ? 'delivered (the platform returned the earlier post)' : 'delivered');
      return { kind: 'posted', messageId, postedAt: new Date(posted?.postedAt ?? Date.now()), firstTriedAt, via: repeat ? 'repeat' : 'post', meta };
    } catch (error) {
      const failure: DeliveryFailure = error instanceof DeliveryError ? error.failure : { kind: 'uncertain', reason: error instanceof Error ? error.message : String(error) };
      switch (failure.kind) {
        case 'rate_limited':
          await release(notPosted);
          await holdChannel(deps.redis, keys.pace(channel), failure.retryAfterMs);
          void count('rate_limited');
          observe(channel, id, 'rate_limited');
          log.warn({ retryAfterMs: failure.retryAfterMs }, 'rate limited; delivery waits');
          throw new DeliveryWait(Math.max(1, failure.retryAfterMs), 'rate_limited');
        case 'transient':
          await release(notPosted);
          observe(channel, id, 'retried');
          log.warn({ reason: failure.reason }, 'delivery failed before anything was posted; will retry');
          throw new DeliveryFailed(failure, `posting to ${where} failed: ${failure.reason}`, { cause: error });
        case 'uncertain':
          await release();
          void count('uncertain');
          observe(channel, id, 'uncertain');
          log.warn({ reason: failure.reason }, 'delivery outcome unknown; will ask the platform before posting again');
          throw new DeliveryFailed(failure, `posting to ${where}: outcome unknown (${failure.reason})`, { cause: error });
        case 'permanent':
          await release(notPosted);
          await deps.channels.blockChannel(channel, failure.reason, new Date());
          void count('blocked');
          observe(channel, id, 'blocked');
          log.error({ reason: failure.reason }, 'permanent delivery failure; channel blocked');
          throw new DeliveryFailed(failure, `channel ${where} blocked: ${failure.reason}`, { cause: error });
      }
    }
  }

  async function lookUp(
    port: ChatPort,
    channel: ChannelAddress,
    request: DeliveryLookupRequest,
    log: Logger,
    release: () => Promise<DeliveryRecord | null>,
  ): Promise<{ kind: 'posted'; messageId: string } | { kind: 'absent' } | { kind: 'unknown'; reason: string }> {
    try {
      const found = await port.findDelivery(channel, request);
      void count('lookups');
      if (found.found) return { kind: 'posted', messageId: found.messageId };
      return found.complete ? { kind: 'absent' } : { kind: 'unknown', reason: found.reason };
    } catch (error) {
      await release();
      const failure: DeliveryFailure = error instanceof DeliveryError ? error.failure : { kind: 'transient', reason: String(error) };
      if (failure.kind === 'rate_limited') {
        // Lookups have their own, tighter limits (Slack: Tier 3). Wait them out; never guess instead.
        void count('lookup_rate_limited');
        observe(channel, request.deliveryId, 'lookup_rate_limited');
        log.warn({ retryAfterMs: failure.retryAfterMs }, 'history lookup rate limited; waiting before asking again');
        throw new DeliveryWait(Math.max(1, failure.retryAfterMs), 'lookup_rate_limited');
      }
      if (failure.kind === 'permanent') {
        await deps.channels.blockChannel(channel, failure.reason, new Date());
        observe(channel, request.deliveryId, 'blocked');
        log.error({ reason: failure.reason }, 'permanent failure while looking up a delivery; channel blocked');
        throw new DeliveryFailed(failure, `channel ${formatChannelAddress(channel)} blocked: ${failure.reason}`, { cause: error });
      }
      observe(channel, request.deliveryId, 'retried');
      log.warn({ reason: failure.reason }, 'history lookup failed; will retry');
      throw new DeliveryFailed({ kind: 'transient', reason: failure.reason }, `looking up ${request.deliveryId} in ${formatChannelAddress(channel)} failed: ${failure.reason}`, { cause: error });
    }
  }

  return {
    send,
    async stats() {
      const raw = await deps.redis.hgetall(keys.stats);
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    },
  };
}

/** The delivery id's prefix (`alert:2504.18103` → `alert`): a bounded label, never the paper or channel. */
export function deliveryKind(id: string): string {
  const prefix = /^([a-z][a-z-]{0,23}):/.exec(id)?.[1];
  return prefix ?? 'other';
}

function resolved(record: DeliveryRecord, via: 'record'): DeliveryOutcome {
  const postedAt = new Date(record.postedAt ?? record.createdAt);
  const firstTriedAt = new Date(record.createdAt);
  const meta = parseMeta(record.meta);
  if (record.state === 'abandoned') return { kind: 'abandoned', reason: record.reason ?? 'outcome unknown', postedAt, firstTriedAt, meta };
  return { kind: 'posted', messageId: record.messageId ?? '', postedAt, firstTriedAt, via, meta };
}

function parseMeta(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}
