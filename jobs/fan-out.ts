/**
 * After a poll's feeds are fetched: match every item against every channel's topics, through one
 * TopicIndex over all of them so each item is read once. Each channel takes the papers it never had
 * into its outbox (alert-outbox.ts: a claim per paper, once, ever, across overlapping feeds,
 * cross-lists, later polls and workers). A blocked channel only holds them. Every
 * other channel gets delivery jobs for everything it holds: the new papers as up to ALERTS_PER_POLL
 * alerts plus one summary, and any earlier delivery whose job is gone (alert-queue.ts).
 */
import type { Queue } from 'bullmq';
import { formatChannelAddress } from '../src/channel-address.ts';
import type { FeedItem } from '../src/arxiv/feed-client.ts';
import type { Logger } from '../src/log.ts';
import type { Store } from '../src/store/types.ts';
import type { AlertPaper } from '../src/topics/alert-message.ts';
import { TopicIndex, type AliasTable } from '../src/topics/match.ts';
import type { JobHandler, JobTuning } from './context.ts';
import type { AlertOutbox } from './delivery/alert-outbox.ts';
import { queueHeldAlerts } from './delivery/alert-queue.ts';
import type { FetchFeedResult } from './fetch-feed.ts';
import type { FanOutData } from './poll.ts';

export interface FanOutResult {
  pollId: string;
  feeds: number;
  feedsFailed: number;
  feedsNotModified: number;
  items: number;
  channels: number;
  /** New (channel, paper) matches this poll took. */
  matched: number;
  /** Papers taken into blocked channels' outboxes (delivered on resume). */
  held: number;
  /** Delivery job ids on the `deliver` queue that cover this poll's matches and anything held before. */
  deliveryJobs: string[];
  alerts: number;
  summaries: number;
}

export interface FanOutContext {
  store: Pick<Store, 'allTopics' | 'channelHealth'>;
  /** The library's nicknames, built once. */
  aliases(): AliasTable;
  outbox: AlertOutbox;
  deliverQueue: Queue;
  alertsPerPoll: number;
  tuning: JobTuning;
  now(): number;
  log: Logger;
}

/** Abstracts are clipped in job data: the alert shows 600 characters, Redis need not hold more. */
const ABSTRACT_IN_JOB = 1000;

export const fanOutHandler = (ctx: FanOutContext): JobHandler => async (job): Promise<FanOutResult> => {
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
    held: 0,
    deliveryJobs: [],
    alerts: 0,
    summaries: 0,
  };
  const queueDeps = {
    outbox: ctx.outbox,
    queue: ctx.deliverQueue,
    budget: ctx.alertsPerPoll,
    jobOptions: {
      attempts: ctx.tuning.deliveryAttempts,
      backoff: { type: 'exponential' as const, delay: ctx.tuning.deliveryBackoffMs },
      removeOnComplete: ctx.tuning.keepCompleted,
      removeOnFail: ctx.tuning.keepFailed,
    },
  };

  const subscriptions = await ctx.store.allTopics();
  // One index over every channel's topics: each item is read once, not once per channel.
  const matchStart = performance.now();
  const index = TopicIndex.build(subscriptions.map((s) => s.topics), ctx.aliases());
  const matched = index.matchItems(items);
  const matchMs = Math.round(performance.now() - matchStart);

  for (const [i, { channel }] of subscriptions.entries()) {
    result.channels += 1;
    const where = formatChannelAddress(channel);
    for (const bad of index.invalidTopics(i)) log.warn({ channel: where, ...bad }, 'stored topic no longer parses; ignored');
    const papers = matched[i]!.map(({ item, matches }) => toAlertPaper(item, matches));
    const now = ctx.now();
    const taken = await ctx.outbox.take(channel, papers, now);
    result.matched += taken.length;
    const dropped = await ctx.outbox.trim(channel, now);
    if (dropped.length > 0) log.warn({ channel: where, dropped: dropped.map((d) => d.paper.arxivId) }, 'held papers dropped: too many or too old');

    const health = await ctx.store.channelHealth(channel);
    if (health.blockedReason !== null) {
      result.held += taken.length;
      if (taken.length > 0) log.info({ channel: where, papers: taken.length, reason: health.blockedReason }, 'channel is blocked; papers held until it resumes');
      continue;
    }
    const queued = await queueHeldAlerts(queueDeps, channel, pollId);
    result.deliveryJobs.push(...queued.jobIds);
    result.alerts += queued.alerts;
    result.summaries += queued.summaries;
    if (queued.requeued > 0) log.info({ channel: where, requeued: queued.requeued }, 'earlier deliveries queued again');
  }
  log.info({ ...result, deliveryJobs: result.deliveryJobs.length, matchMs }, items.length === 0 ? 'poll finished: no new items' : 'poll finished');
  return result;
};

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
