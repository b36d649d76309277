/**
 * One arXiv feed request (runs on the `arxiv` queue, whose worker limiter allows one job per 3 s
 * across every worker). Conditional GET with the validators every worker shares; a 304 parses
 * nothing. 503s, timeouts and malformed or cut-off XML throw and are retried with exponential
 * backoff; each failure is logged and recorded for `status`. An empty feed on a weekend or holiday is
 * normal; empty or stale when an announcement was due is recorded and logged at warn.
 */
import { UnrecoverableError } from 'bullmq';
import { expectedFeedState, isStale } from '../src/arxiv/calendar.ts';
import { feedUrl, fetchFeed, type FeedItem } from '../src/arxiv/feed-client.ts';
import { isRetryableUpstream } from '../src/arxiv/http.ts';
import type { ArxivRequestGate } from '../src/arxiv/request-spacer.ts';
import type { Logger } from '../src/log.ts';
import { noMetrics, type Clock, type Metrics } from '../src/ports.ts';
import type { FeedPollStatus, StatusStore } from '../src/store/types.ts';
import type { JobHandler } from './context.ts';
import type { FeedStates } from './feed-state.ts';

export interface FetchFeedData {
  categories: string[];
  pollId: string;
}

export interface FetchFeedResult {
  url: string;
  status: 'ok' | 'not_modified';
  items: FeedItem[];
}

/** A combined feed returns at most this many items; hitting it means categories should be split. */
export const FEED_ITEM_CAP = 2000;

/** What a feed fetch needs: where and how to ask, where validators live, where outcomes go. */
export interface FeedContext {
  rssUrl: string;
  userAgent: string;
  timeoutMs: number;
  /** Every worker's validators and feed dates, shared through Redis. */
  feedStates: FeedStates;
  recordPoll: StatusStore['recordPoll'];
  /** The deployment-wide arXiv gate (3 s between requests, Retry-After honoured). */
  arxivGate: ArxivRequestGate;
  clock: Clock;
  log: Logger;
  /** Every outcome recorded for `status` is counted too, per feed and feed day. */
  metrics?: Metrics;
}

export const fetchFeedHandler = (ctx: FeedContext): JobHandler => async (job): Promise<FetchFeedResult> => {
  const { categories } = job.data as FetchFeedData;
  const baseUrl = ctx.rssUrl;
  const url = feedUrl(baseUrl, categories);
  const category = categories.join('+');
  const log = ctx.log.child({ job: job.name, jobId: job.id, feed: url });
  const previous = await ctx.feedStates.read(url);
  const now = ctx.clock.now();
  const expectation = expectedFeedState(now);
  const record = (status: Omit<FeedPollStatus, 'category' | 'checkedAt'>) => {
    (ctx.metrics ?? noMetrics).feedPolled({
      feed: category,
      outcome: status.outcome,
      weekday: expectation.weekday,
      announcementExpected: expectation.expectNonEmpty,
      items: status.items,
    });
    return ctx.recordPoll({ category, checkedAt: now.toISOString(), ...status });
  };

  let fetched;
  try {
    fetched = await fetchFeed({
      baseUrl,
      categories,
      userAgent: ctx.userAgent,
      validators: previous?.validators,
      timeoutMs: ctx.timeoutMs,
      // The queue limiter spaces feed jobs; the gate also spaces them against API lookups elsewhere.
      spacer: ctx.arxivGate,
    });
  } catch (error) {
    const retryable = isRetryableUpstream(error);
    const attempt = job.attemptsMade + 1;
    const last = !retryable || attempt >= (job.opts.attempts ?? 1);
    const detail = error instanceof Error ? error.message : String(error);
    await record({ outcome: 'error', items: 0, detail: `attempt ${attempt}: ${detail}` });
    if (last) log.error({ err: error, attempt }, 'arXiv feed fetch failed; giving up until the next poll');
    else log.warn({ err: error, attempt }, 'arXiv feed fetch failed; will retry with backoff');
    if (!retryable) throw new UnrecoverableError(detail);
    throw error;
  }

  if (fetched.status === 'not_modified') {
    const feedDate = previous?.feedDate ?? null;
    if (expectation.expectNonEmpty && isStale(feedDate, now)) {
      await record({ outcome: 'stale', items: 0, detail: `304 Not Modified, still dated ${feedDate ?? 'unknown'}: ${expectation.reason}` });
      log.warn({ feedDate, expected: expectation.reason }, 'arXiv feed unchanged and stale although an announcement was due');
    } else {
      await record({ outcome: 'not_modified', items: 0 });
      log.debug('arXiv feed not modified');
    }
    return { url, status: 'not_modified', items: [] };
  }

  await ctx.feedStates.write(url, { validators: fetched.validators, feedDate: fetched.feedDate });
  const items = fetched.items;
  const skipped = fetched.skipped > 0 ? ` (${fetched.skipped} items without an arXiv id skipped)` : '';
  if (items.length >= FEED_ITEM_CAP) {
    log.warn({ items: items.length }, `feed returned ${FEED_ITEM_CAP}+ items, arXiv's cap: lower maxCategoriesPerFeed`);
  }
  if (items.length === 0) {
    await record({ outcome: 'empty', items: 0, detail: expectation.reason });
    if (expectation.expectNonEmpty) log.warn({ expected: expectation.reason }, 'arXiv feed is empty although an announcement was due');
    else log.info({ reason: expectation.reason }, 'arXiv feed is empty, as expected');
  } else if (expectation.expectNonEmpty && isStale(fetched.feedDate, now)) {
    await record({ outcome: 'stale', items: items.length, detail: `feed dated ${fetched.feedDate ?? 'unknown'}: ${expectation.reason}${skipped}` });
    log.warn({ feedDate: fetched.feedDate, expected: expectation.reason }, 'arXiv feed is stale although an announcement was due');
  } else {
    await record({ outcome: 'ok', items: items.length, ...(skipped ? { detail: skipped.trim() } : {}) });
    log.info({ items: items.length }, 'arXiv feed fetched');
  }
  return { url, status: 'ok', items };
};
