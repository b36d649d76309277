/**
 * A poll: which feeds to fetch (the union of categories the channels need, in combined feeds), and
 * the BullMQ flow that runs it: one `fetch-feed` child per feed on the rate-limited `arxiv` queue,
 * then a `fan-out` parent that matches everything fetched against every channel's topics. A feed
 * that fails after all retries does not hold the others back (ignoreDependencyOnFailure); its papers
 * are still in the feed at the next poll.
 */
import type { FlowJob, FlowProducer } from 'bullmq';
import type { Config } from '../src/config.ts';
import type { Store } from '../src/store/types.ts';
import { categoryCovers, normalizeCategory } from '../src/topics/categories.ts';
import { parseTopic } from '../src/topics/parse.ts';
import { wantedCategories } from '../src/topics/query.ts';
import type { JobTuning } from './context.ts';
import type { FetchFeedData } from './fetch-feed.ts';
import { JOBS, QUEUES } from './names.ts';

export interface FanOutData {
  pollId: string;
}

/** Config categories plus every `cat:` a channel's topics ask for; archives absorb their classes. */
export async function neededCategories(store: Pick<Store, 'allTopics'>, config: Pick<Config, 'arxiv'>): Promise<string[]> {
  const wanted = new Set<string>();
  for (const c of config.arxiv.categories) {
    const normal = normalizeCategory(c);
    if (normal) wanted.add(normal);
  }
  for (const { topics } of await store.allTopics()) {
    for (const topic of topics) {
      const parsed = parseTopic(topic);
      if (parsed.ok) for (const c of wantedCategories(parsed.value)) wanted.add(c);
    }
  }
  const all = [...wanted].sort();
  return all.filter((c) => !all.some((other) => other !== c && categoryCovers(other, c)));
}

export function feedGroups(categories: readonly string[], perFeed: number): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i < categories.length; i += perFeed) groups.push(categories.slice(i, i + perFeed));
  return groups;
}

export function pollJobId(pollId: string): string {
  return `poll|${encodeURIComponent(pollId)}`;
}

/** Adds the poll's flow; resolves with the fan-out job's id. */
export async function startPoll(
  flow: FlowProducer,
  options: { pollId: string; groups: string[][]; tuning: JobTuning },
): Promise<string> {
  const { pollId, groups, tuning } = options;
  const children: FlowJob[] = groups.map((categories) => ({
    name: JOBS.fetchFeed,
    queueName: QUEUES.arxiv,
    data: { categories, pollId } satisfies FetchFeedData,
    opts: {
      attempts: tuning.feedAttempts,
      backoff: { type: 'exponential', delay: tuning.feedBackoffMs },
      ignoreDependencyOnFailure: true,
      removeOnComplete: tuning.keepCompleted,
      removeOnFail: tuning.keepFailed,
    },
  }));
  const node = await flow.add({
    name: JOBS.fanOut,
    queueName: QUEUES.poll,
    data: { pollId } satisfies FanOutData,
    opts: { jobId: pollJobId(pollId), removeOnComplete: tuning.keepCompleted, removeOnFail: tuning.keepFailed },
    children,
  });
  return node.job.id!;
}
