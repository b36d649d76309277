/**
 * Delivery jobs: one alert (one paper) or one summary (the papers past a channel's per-poll budget).
 * Both follow delivery-state.ts so a paper reaches a channel at most once, ever, and a retry after a
 * crash never posts twice. Failures map to what BullMQ should do:
 *   rate_limited (429 Retry-After) → delay the job (not an attempt), keep the channel gate shut;
 *   transient → throw, BullMQ retries with exponential backoff;
 *   permanent (channel gone, bot removed) → block the channel in the store, UnrecoverableError.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { formatChannelAddress, type ChannelAddress } from '../src/channel-address.ts';
import type { Message } from '../src/messages/message.ts';
import { DeliveryError } from '../src/ports.ts';
import { alertMessage, alertSummaryMessage, type AlertPaper } from '../src/topics/alert-message.ts';
import type { Handler, JobContext } from './context.ts';
import { forget, setPhase, takeOwnership } from './delivery-state.ts';
import { holdGate, passGate } from './pacing.ts';

export interface DeliveryData {
  channel: ChannelAddress;
  papers: AlertPaper[];
  /** For summaries: the budget that was exceeded (shown in the message). */
  budget?: number;
}

export interface DeliveryResult {
  posted: number;
  /** Papers another job had already taken (or delivered before). */
  duplicates: number;
  /** Papers whose post was in flight when a worker died: not posted again (at-most-once). */
  uncertain: number;
  skipped?: 'blocked';
}

export const deliverAlert: Handler = (job, token, ctx) => deliver(job, token, ctx, (papers) => alertMessage(papers[0]!));

export const deliverSummary: Handler = (job, token, ctx) =>
  deliver(job, token, ctx, (papers) => alertSummaryMessage(papers, (job.data as DeliveryData).budget ?? ctx.config.alertsPerPoll));

async function deliver(job: Job, token: string | undefined, ctx: JobContext, render: (papers: AlertPaper[]) => Message): Promise<DeliveryResult> {
  const { channel, papers } = job.data as DeliveryData;
  const jobId = job.id ?? `${job.name}:${job.timestamp}`;
  const log = ctx.log.child({ job: job.name, jobId, channel: formatChannelAddress(channel) });
  const stateKey = ctx.keys.deliveries(channel);
  const now = ctx.clock.now();

  const owned = await takeOwnership(ctx.redis, stateKey, papers.map((p) => p.arxivId), jobId, now);
  const mine = owned.filter((o) => o.mine);
  const result: DeliveryResult = { posted: 0, duplicates: owned.length - mine.length, uncertain: 0 };

  const health = await ctx.store.channelHealth(channel);
  if (health.blockedReason !== null) {
    // Give back what this job took, so the papers can still be delivered if the channel comes back.
    const held = mine.filter((o) => o.entry.phase === 'claiming' || o.entry.phase === 'claimed').map((o) => o.arxivId);
    for (const id of held) await ctx.store.releaseAlert(channel, id);
    await forget(ctx.redis, stateKey, held);
    log.info({ reason: health.blockedReason }, 'channel is blocked; delivery skipped');
    return { ...result, skipped: 'blocked' };
  }

  const toPost: string[] = [];
  const toRecord: Array<{ arxivId: string; at: string }> = [];
  for (const o of mine) {
    if (!o.mine) continue;
    switch (o.entry.phase) {
      case 'claiming':
        if (await ctx.store.claimAlert(channel, o.arxivId)) {
          toPost.push(o.arxivId);
        } else {
          // Claimed before: delivered by an earlier job, or by this one just before a crash. Never twice.
          if (!o.fresh) log.warn({ arxivId: o.arxivId }, 'claim state unknown after a crash; not posting to avoid a duplicate');
          await setPhase(ctx.redis, stateKey, [o.arxivId], jobId, 'done', now);
          result.duplicates += 1;
        }
        break;
      case 'claimed':
        toPost.push(o.arxivId);
        break;
      case 'posting':
        log.warn({ arxivId: o.arxivId }, 'a worker died while posting; not posting again (at most once)');
        result.uncertain += 1;
        toRecord.push({ arxivId: o.arxivId, at: o.entry.at });
        break;
      case 'posted':
        toRecord.push({ arxivId: o.arxivId, at: o.entry.at });
        break;
      case 'done':
        break;
    }
  }
  await setPhase(ctx.redis, stateKey, toPost, jobId, 'claimed', now);

  if (toPost.length > 0) {
    const port = ctx.chat[channel.platform];
    const gate = await passGate(ctx.redis, ctx.keys.pace(channel), ctx.tuning.channelIntervalMs[channel.platform]);
    if (!gate.open) return delay(job, token, gate.retryInMs);

    const postPapers = papers.filter((p) => toPost.includes(p.arxivId));
    await setPhase(ctx.redis, stateKey, toPost, jobId, 'posting', now);
    try {
      if (!port) throw new DeliveryError({ kind: 'transient', reason: `no ${channel.platform} chat port in this worker` });
      const { messageId } = await port.post(channel, render(postPapers));
      await setPhase(ctx.redis, stateKey, toPost, jobId, 'posted', now);
      // Restart the gap from when the platform answered, not from when we asked: request latency
      // varies, and the limit is counted where the messages arrive.
      await holdGate(ctx.redis, ctx.keys.pace(channel), ctx.tuning.channelIntervalMs[channel.platform]);
      log.info({ messageId, papers: toPost }, 'alert posted');
      result.posted = toPost.length;
      toRecord.push(...toPost.map((arxivId) => ({ arxivId, at: now.toISOString() })));
    } catch (error) {
      return failed(error, { job, token, ctx, channel, stateKey, jobId, toPost, log });
    }
  }

  for (const { arxivId, at } of toRecord) {
    const paper = papers.find((p) => p.arxivId === arxivId)!;
    await ctx.store.recordDelivered(channel, { arxivId, title: paper.title, topic: paper.matches[0]?.topic ?? '', deliveredAt: at });
  }
  await setPhase(ctx.redis, stateKey, toRecord.map((r) => r.arxivId), jobId, 'done', now);
  return result;
}

async function delay(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

interface FailureScope {
  job: Job;
  token: string | undefined;
  ctx: JobContext;
  channel: ChannelAddress;
  stateKey: string;
  jobId: string;
  toPost: string[];
  log: JobContext['log'];
}

async function failed(error: unknown, s: FailureScope): Promise<never> {
  const { ctx, channel } = s;
  const failure = error instanceof DeliveryError ? error.failure : ({ kind: 'transient', reason: String(error) } as const);
  const giveBack = async () => {
    for (const id of s.toPost) await ctx.store.releaseAlert(channel, id);
    await forget(ctx.redis, s.stateKey, s.toPost);
  };
  switch (failure.kind) {
    case 'rate_limited': {
      // Nothing was posted: back to `claimed`, shut the channel's gate for everyone, wait it out.
      await setPhase(ctx.redis, s.stateKey, s.toPost, s.jobId, 'claimed', ctx.clock.now());
      await holdGate(ctx.redis, ctx.keys.pace(channel), failure.retryAfterMs);
      s.log.warn({ retryAfterMs: failure.retryAfterMs }, 'rate limited; delivery delayed');
      return delay(s.job, s.token, Math.max(1, failure.retryAfterMs));
    }
    case 'permanent': {
      await giveBack();
      await ctx.store.blockChannel(channel, failure.reason, ctx.clock.now());
      s.log.error({ reason: failure.reason }, 'permanent delivery failure; channel blocked');
      throw new UnrecoverableError(`channel ${formatChannelAddress(channel)} blocked: ${failure.reason}`);
    }
    case 'transient': {
      const lastAttempt = s.job.attemptsMade + 1 >= (s.job.opts.attempts ?? 1);
      if (lastAttempt) {
        // Out of retries: let a later poll try these papers again rather than losing them for good.
        await giveBack();
        s.log.error({ reason: failure.reason, attempts: s.job.attemptsMade + 1 }, 'delivery failed after every retry');
      } else {
        await setPhase(ctx.redis, s.stateKey, s.toPost, s.jobId, 'claimed', ctx.clock.now());
        s.log.warn({ reason: failure.reason, attempt: s.job.attemptsMade + 1 }, 'delivery failed; will retry');
      }
      throw error instanceof Error ? error : new Error(failure.reason);
    }
  }
}
