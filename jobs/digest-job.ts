/**
 * A channel's scheduled digest: build it (the same digest `digest preview` shows), post it, remember
 * when. A schedule turned off after this run was queued, or a blocked channel, posts nothing. A run
 * whose worker died mid-post is not posted again (at most once, like alerts).
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { formatChannelAddress } from '../src/channel-address.ts';
import { buildDigest } from '../src/digests/build.ts';
import { DeliveryError } from '../src/ports.ts';
import type { Handler } from './context.ts';
import type { DigestJobData } from './digest-scheduler.ts';
import { holdGate, passGate } from './pacing.ts';

export interface DigestJobResult {
  posted: boolean;
  reason?: 'schedule_off' | 'blocked' | 'already_posted';
}

const RUN_MARK_TTL_S = 14 * 24 * 3600;

export const postDigest: Handler = async (job, token, ctx): Promise<DigestJobResult> => {
  const { channel } = job.data as DigestJobData;
  const log = ctx.log.child({ job: job.name, jobId: job.id, channel: formatChannelAddress(channel) });
  if ((await ctx.store.getSchedule(channel)) === null) {
    log.info('digest schedule is off; nothing posted');
    return { posted: false, reason: 'schedule_off' };
  }
  const health = await ctx.store.channelHealth(channel);
  if (health.blockedReason !== null) {
    log.info({ reason: health.blockedReason }, 'channel is blocked; digest skipped');
    return { posted: false, reason: 'blocked' };
  }
  const runKey = ctx.keys.digestRun(job.id ?? `${job.name}:${job.timestamp}`);
  if ((await ctx.redis.exists(runKey)) === 1) {
    log.warn('this digest run was being posted when a worker died; not posting again');
    return { posted: false, reason: 'already_posted' };
  }
  const gate = await passGate(ctx.redis, ctx.keys.pace(channel), ctx.tuning.channelIntervalMs[channel.platform]);
  if (!gate.open) return delay(job, token, gate.retryInMs);

  const now = ctx.clock.now();
  const since = await ctx.store.lastDigestAt(channel);
  const message = await buildDigest({ channel, library: ctx.library, store: ctx.store, now, since, initialQueue: ctx.library.readingOrder() });
  await ctx.redis.set(runKey, 'posting', 'EX', RUN_MARK_TTL_S);
  try {
    const port = ctx.chat[channel.platform];
    if (!port) throw new DeliveryError({ kind: 'transient', reason: `no ${channel.platform} chat port in this worker` });
    await port.post(channel, message);
    await holdGate(ctx.redis, ctx.keys.pace(channel), ctx.tuning.channelIntervalMs[channel.platform]);
  } catch (error) {
    // Nothing was posted: this run may try again.
    await ctx.redis.del(runKey);
    const failure = error instanceof DeliveryError ? error.failure : null;
    if (failure?.kind === 'rate_limited') {
      await holdGate(ctx.redis, ctx.keys.pace(channel), failure.retryAfterMs);
      log.warn({ retryAfterMs: failure.retryAfterMs }, 'rate limited; digest delayed');
      return delay(job, token, Math.max(1, failure.retryAfterMs));
    }
    if (failure?.kind === 'permanent') {
      await ctx.store.blockChannel(channel, failure.reason, now);
      log.error({ reason: failure.reason }, 'permanent delivery failure; channel blocked');
      throw new UnrecoverableError(`channel ${formatChannelAddress(channel)} blocked: ${failure.reason}`);
    }
    log.warn({ err: error, attempt: job.attemptsMade + 1 }, 'digest post failed; will retry');
    throw error;
  }
  await ctx.store.setLastDigestAt(channel, now);
  log.info('digest posted');
  return { posted: true };
};

async function delay(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}
