/**
 * Turns what a channel holds (alert-outbox.ts) into delivery jobs, for a poll's fan-out and for
 * `resume`: every delivery already assigned gets its job again when the job is gone or finished (a
 * blocked channel, a job that ran out of retries), and the unassigned papers, oldest first, become up
 * to `budget` alerts plus one summary of the rest. Jobs have deterministic ids (ids.ts), so queueing
 * twice adds nothing.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { ChannelAddress } from '../../src/channel-address.ts';
import type { AlertPaper } from '../../src/topics/alert-message.ts';
import { alertDeliveryId, deliveryJobId, isSummaryDelivery, summaryDeliveryId } from '../ids.ts';
import { JOBS, type JobName } from '../names.ts';
import type { AlertOutbox } from './alert-outbox.ts';

export interface AlertDeliveryData {
  channel: ChannelAddress;
  deliveryId: string;
  papers: AlertPaper[];
  /** Summaries: the per-poll budget that was exceeded (shown in the message). */
  budget?: number;
}

export interface QueuedAlerts {
  /** Delivery job ids (new or already queued) covering everything the channel holds. */
  jobIds: string[];
  alerts: number;
  summaries: number;
  /** Deliveries assigned earlier whose job was queued again. */
  requeued: number;
}

export interface AlertQueueDeps {
  outbox: AlertOutbox;
  queue: Queue;
  jobOptions: JobsOptions;
  budget: number;
}

interface Spec {
  name: JobName;
  data: AlertDeliveryData;
}

export async function queueHeldAlerts(deps: AlertQueueDeps, channel: ChannelAddress, label: string): Promise<QueuedAlerts> {
  const held = await deps.outbox.held(channel);
  const result: QueuedAlerts = { jobIds: [], alerts: 0, summaries: 0, requeued: 0 };
  const specs: Spec[] = [];

  const byDelivery = new Map<string, AlertPaper[]>();
  for (const h of held) if (h.delivery !== null) byDelivery.set(h.delivery, [...(byDelivery.get(h.delivery) ?? []), h.paper]);
  for (const [deliveryId, papers] of byDelivery) specs.push(spec(channel, deliveryId, papers, deps.budget));
  const requeueable = specs.length;

  const unassigned = held.filter((h) => h.delivery === null).map((h) => h.paper);
  for (const paper of unassigned.slice(0, deps.budget)) {
    const deliveryId = alertDeliveryId(paper.arxivId);
    if ((await deps.outbox.assign(channel, deliveryId, [paper.arxivId])).length === 1) {
      specs.push(spec(channel, deliveryId, [paper], deps.budget));
      result.alerts += 1;
    }
  }
  const rest = unassigned.slice(deps.budget);
  if (rest.length > 0) {
    const deliveryId = summaryDeliveryId(label);
    const got = new Set(await deps.outbox.assign(channel, deliveryId, rest.map((p) => p.arxivId)));
    const papers = rest.filter((p) => got.has(p.arxivId));
    if (papers.length > 0) {
      specs.push(spec(channel, deliveryId, papers, deps.budget));
      result.summaries += 1;
    }
  }

  for (const [index, s] of specs.entries()) {
    const jobId = deliveryJobId(channel, s.data.deliveryId);
    const state = await deps.queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') await deps.queue.remove(jobId);
    if (state === 'completed' || state === 'failed' || state === 'unknown') {
      await deps.queue.add(s.name, s.data, { ...deps.jobOptions, jobId });
      if (index < requeueable) result.requeued += 1;
    }
    result.jobIds.push(jobId);
  }
  return result;
}

function spec(channel: ChannelAddress, deliveryId: string, papers: AlertPaper[], budget: number): Spec {
  return isSummaryDelivery(deliveryId)
    ? { name: JOBS.deliverSummary, data: { channel, deliveryId, papers, budget } }
    : { name: JOBS.deliverAlert, data: { channel, deliveryId, papers } };
}
