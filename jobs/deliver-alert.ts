/**
 * Delivery jobs for alerts: one paper (`deliver-alert`), or the papers past a poll's budget in one
 * message (`deliver-summary`). The delivery module posts it exactly once under the job's delivery id;
 * this job then records the papers for the digest and takes them out of the channel's outbox. A blocked
 * channel keeps them held (resume queues them again); a delivery that keeps failing leaves them held
 * under the same delivery id for the next poll, so nothing is lost and nothing is posted twice.
 */
import type { Logger } from '../src/log.ts';
import type { Message } from '../src/messages/message.ts';
import type { PaperLookup } from '../src/search/resolve.ts';
import type { AlertStore } from '../src/store/types.ts';
import { alertMessage, alertSummaryMessage } from '../src/topics/alert-message.ts';
import { formatChannelAddress } from '../src/channel-address.ts';
import type { JobHandler } from './context.ts';
import type { AlertOutbox } from './delivery/alert-outbox.ts';
import type { AlertDeliveryData } from './delivery/alert-queue.ts';
import type { Deliveries } from './delivery/deliveries.ts';
import { asJobOutcome } from './delivery/job-outcome.ts';

/** What an alert delivery job needs, and nothing more. */
export interface AlertDeliveryContext {
  deliveries: Pick<Deliveries, 'send'>;
  outbox: Pick<AlertOutbox, 'settle'>;
  recordDelivered: AlertStore['recordDelivered'];
  /** Whether the club's library has the paper (then the alert offers Add to club and Vote). */
  library: Pick<PaperLookup, 'lookup'>;
  log: Logger;
}

export interface DeliveryResult {
  /** Papers this job's delivery put into the channel (now, or found there from an earlier attempt). */
  posted: number;
  /** Papers whose earlier attempt could not be checked: not posted again (at most once). */
  uncertain: number;
  skipped?: 'blocked';
}

export function alertMessageFor(data: AlertDeliveryData, library: Pick<PaperLookup, 'lookup'>): Message {
  const [paper] = data.papers;
  if (paper && data.papers.length === 1 && data.budget === undefined) return alertMessage(paper, { libraryId: library.lookup(paper.arxivId)?.id ?? null });
  return alertSummaryMessage(data.papers, data.budget ?? data.papers.length);
}

export function alertDeliveryHandler(ctx: AlertDeliveryContext): JobHandler {
  return async (job, token): Promise<DeliveryResult> => {
    const data = job.data as AlertDeliveryData;
    const log = ctx.log.child({ job: job.name, jobId: job.id, channel: formatChannelAddress(data.channel) });
    let outcome;
    try {
      outcome = await ctx.deliveries.send({ channel: data.channel, id: data.deliveryId, message: async () => alertMessageFor(data, ctx.library), log });
    } catch (error) {
      return asJobOutcome(job, token, error);
    }
    if (outcome.kind === 'blocked') {
      log.info({ reason: outcome.reason, papers: data.papers.length }, 'channel is blocked; papers held until it resumes');
      return { posted: 0, uncertain: 0, skipped: 'blocked' };
    }
    // Recorded with the post time, so a retry after a crash writes the same entries again, not new ones.
    for (const paper of data.papers) {
      await ctx.recordDelivered(data.channel, { arxivId: paper.arxivId, title: paper.title, topic: paper.matches[0]?.topic ?? '', deliveredAt: outcome.postedAt.toISOString() });
    }
    await ctx.outbox.settle(data.channel, data.papers.map((p) => p.arxivId));
    return outcome.kind === 'posted' ? { posted: data.papers.length, uncertain: 0 } : { posted: 0, uncertain: data.papers.length };
  };
}
