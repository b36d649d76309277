/**
 * After a poll's feeds are fetched: match every item against every channel's topics and queue one
 * delivery job per (channel, paper), with the deterministic id `alert|<channel>|<arxivId>` so the
 * same paper from an overlapping feed, a cross-list or a later poll is never queued twice. Past the
 * channel's budget (ALERTS_PER_POLL), the rest go into ONE summary job. Papers a channel already
 * got (or is getting) are left out before the budget is counted.
 */
import type { Job, JobsOptions } from 'bullmq';
import { formatChannelAddress, type ChannelAddress } from '../src/channel-address.ts';
import type { FeedItem } from '../src/arxiv/feed-client.ts';
import type { AlertPaper } from '../src/topics/alert-message.ts';
import { compileTopics, matchItem } from '../src/topics/match.ts';
import type { Handler, JobContext } from './context.ts';
import type { DeliveryData } from './deliver.ts';
import { alreadyTaken } from './delivery-state.ts';
import type { FetchFeedResult } from './fetch-feed.ts';
import { alertJobId, summaryJobId } from './ids.ts';
import { JOBS, type JobName } from './names.ts';
import type { FanOutData } from './poll.ts';

export interface FanOutResult {
  pollId: string;
  feeds: number;
  feedsFailed: number;
  feedsNotModified: number;
  items: number;
  channels: number;
  matched: number;
  /** Delivery job ids on the `deliver` queue that this poll added. */
  deliveryJobs: string[];
  alerts: number;
  summaries: number;
}

/** Abstracts are clipped in job data: the alert shows 600 characters, Redis need not hold more. */
const ABSTRACT_IN_JOB = 1000;

export const fanOut: Handler = async (job, _token, ctx): Promise<FanOutResult> => {
  const { pollId } = job.data as FanOutData;
  const log = ctx.log.child({ job: job.name, jobId: job.id, pollId });
  const fetched = Object.values(await job.getChildrenValues<FetchFeedResult>());
  const feedsFailed = Object.keys(await job.getIgnoredChildrenFailures()).length;
  const items = mergeItems(fetched.flatMap((f) => f.items));

  const result: FanOutResult = {
    pollId,
    feeds: fetched.length + feedsFailed,
    feedsFailed,
    feedsNotModified: fetched.filter((f) => f.status === 'not_modified').length,
    items: items.length,
    channels: 0,
    matched: 0,
    deliveryJobs: [],
    alerts: 0,
    summaries: 0,
  };
  if (items.length === 0) {
    log.info(result, 'poll finished: no new items');
    return result;
  }

  for (const { channel, topics } of await ctx.store.allTopics()) {
    result.channels += 1;
    const health = await ctx.store.channelHealth(channel);
    if (health.blockedReason !== null) continue;
    const compiled = compileTopics(topics, ctx.aliases());
    for (const bad of compiled.invalid) log.warn({ channel: formatChannelAddress(channel), ...bad }, 'stored topic no longer parses; ignored');
    const papers: AlertPaper[] = [];
    for (const item of items) {
      const matches = matchItem(item, compiled);
      if (matches.length > 0) papers.push(toAlertPaper(item, matches));
    }
    const taken = await alreadyTaken(ctx.redis, ctx.keys.deliveries(channel), papers.map((p) => p.arxivId));
    const fresh = papers.filter((p) => !taken.has(p.arxivId));
    result.matched += fresh.length;
    await queueDeliveries(job, ctx, channel, fresh, pollId, result);
  }
  log.info({ ...result, deliveryJobs: result.deliveryJobs.length }, 'poll finished');
  return result;
};

async function queueDeliveries(job: Job, ctx: JobContext, channel: ChannelAddress, papers: AlertPaper[], pollId: string, result: FanOutResult): Promise<void> {
  if (papers.length === 0) return;
  const budget = ctx.config.alertsPerPoll;
  const opts = {
    attempts: ctx.tuning.deliveryAttempts,
    backoff: { type: 'exponential' as const, delay: ctx.tuning.deliveryBackoffMs },
    removeOnComplete: ctx.tuning.keepCompleted,
    removeOnFail: ctx.tuning.keepFailed,
  };
  const jobs: Array<{ name: JobName; data: DeliveryData; opts: JobsOptions }> = papers.slice(0, budget).map((paper) => ({
    name: JOBS.deliverAlert,
    data: { channel, papers: [paper] },
    opts: { ...opts, jobId: alertJobId(channel, paper.arxivId) },
  }));
  const rest = papers.slice(budget);
  if (rest.length > 0) {
    jobs.push({
      name: JOBS.deliverSummary,
      data: { channel, papers: rest, budget },
      opts: { ...opts, jobId: summaryJobId(channel, pollId) },
    });
  }
  await clearFinishedJobs(ctx, jobs.map((j) => j.opts.jobId!));
  const added = await ctx.queues.deliver.addBulk(jobs);
  result.deliveryJobs.push(...added.map((j) => j.id!));
  result.alerts += Math.min(budget, papers.length);
  result.summaries += rest.length > 0 ? 1 : 0;
  ctx.log.debug({ channel: formatChannelAddress(channel), alerts: jobs.length, parent: job.id }, 'deliveries queued');
}

/**
 * These papers are not taken (fan-out checked the delivery state), so a finished job still holding
 * one of their deterministic ids gave its paper back: it failed every retry, hit a permanent error,
 * or found its channel blocked. BullMQ keeps finished jobs for days (keepCompleted/keepFailed) and
 * ignores an add with a kept id, which would hold the paper back until the feed has moved on. Remove
 * the finished job so this poll's job replaces it. Waiting, delayed and active jobs are left alone.
 */
async function clearFinishedJobs(ctx: JobContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const state = await ctx.queues.deliver.getJobState(id);
    if (state === 'completed' || state === 'failed') await ctx.queues.deliver.remove(id);
  }
}

/** One item per paper across overlapping feeds; a new or cross-list announcement wins over a replacement. */
function mergeItems(items: FeedItem[]): FeedItem[] {
  const byId = new Map<string, FeedItem>();
  for (const item of items) {
    const known = byId.get(item.arxivId);
    const isReplacement = (i: FeedItem) => i.announceType === 'replace' || i.announceType === 'replace-cross';
    if (!known || (isReplacement(known) && !isReplacement(item))) byId.set(item.arxivId, item);
  }
  return [...byId.values()];
}

function toAlertPaper(item: FeedItem, matches: AlertPaper['matches']): AlertPaper {
  return {
    arxivId: item.arxivId,
    version: item.version,
    title: item.title,
    authors: item.authors.slice(0, 20),
    abstract: item.abstract.slice(0, ABSTRACT_IN_JOB),
    categories: item.categories,
    announceType: item.announceType,
    matches,
  };
}
