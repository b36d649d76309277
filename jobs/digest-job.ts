/**
 * A channel's scheduled digest: build it (the same digest `digest preview` shows) and post it through
 * the delivery module under the run's own delivery id, so a retried or crashed run posts it once; then
 * remember when it was built. A schedule turned off after this run was queued, or a blocked channel,
 * posts nothing.
 */
import { formatChannelAddress } from '../src/channel-address.ts';
import { buildDigest } from '../src/digests/build.ts';
import type { Library } from '../src/library/library.ts';
import type { Logger } from '../src/log.ts';
import type { Clock } from '../src/ports.ts';
import type { Store } from '../src/store/types.ts';
import type { JobHandler } from './context.ts';
import type { Deliveries } from './delivery/deliveries.ts';
import { asJobOutcome } from './delivery/job-outcome.ts';
import type { DigestJobData } from './digest-scheduler.ts';
import { digestDeliveryId } from './ids.ts';

export interface DigestContext {
  deliveries: Pick<Deliveries, 'send'>;
  /** The digest reads the club queue, alerts and schedule; the job reads and sets the last digest time. */
  store: Store;
  library: Library;
  clock: Clock;
  log: Logger;
}

export interface DigestJobResult {
  posted: boolean;
  reason?: 'schedule_off' | 'blocked' | 'uncertain';
}

export function digestHandler(ctx: DigestContext): JobHandler {
  return async (job, token): Promise<DigestJobResult> => {
    const { channel } = job.data as DigestJobData;
    const log = ctx.log.child({ job: job.name, jobId: job.id, channel: formatChannelAddress(channel) });
    if ((await ctx.store.getSchedule(channel)) === null) {
      log.info('digest schedule is off; nothing posted');
      return { posted: false, reason: 'schedule_off' };
    }
    let outcome;
    try {
      outcome = await ctx.deliveries.send({
        channel,
        id: digestDeliveryId(job.id ?? `${job.name}:${job.timestamp}`),
        // Built once, when the run is new; a retry posts the very same message.
        message: async () => {
          const now = ctx.clock.now();
          const since = await ctx.store.lastDigestAt(channel);
          const message = await buildDigest({ channel, library: ctx.library, store: ctx.store, now, since, initialQueue: ctx.library.readingOrder() });
          return { message, meta: { builtAt: now.toISOString() } };
        },
        log,
      });
    } catch (error) {
      return asJobOutcome(job, token, error);
    }
    if (outcome.kind === 'blocked') {
      log.info({ reason: outcome.reason }, 'channel is blocked; digest skipped');
      return { posted: false, reason: 'blocked' };
    }
    // The next digest covers what came after this one was built.
    await ctx.store.setLastDigestAt(channel, outcome.meta['builtAt'] ? new Date(outcome.meta['builtAt']) : outcome.firstTriedAt);
    if (outcome.kind === 'abandoned') return { posted: false, reason: 'uncertain' };
    log.info('digest posted');
    return { posted: true };
  };
}
