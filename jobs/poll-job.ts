/** The scheduled `poll-arxiv` job: plan this poll's feeds and start its flow (fetches, then fan-out). */
import type { FlowProducer } from 'bullmq';
import type { Config } from '../src/config.ts';
import type { Logger } from '../src/log.ts';
import type { Store } from '../src/store/types.ts';
import type { JobHandler, JobTuning } from './context.ts';
import { feedGroups, neededCategories, startPoll } from './poll.ts';

export interface PollStarted {
  pollId: string;
  fanOutJobId: string;
  feeds: string[][];
}

export interface PollContext {
  store: Pick<Store, 'allTopics' | 'forgetPollsExcept'>;
  config: Pick<Config, 'arxiv'>;
  flow: FlowProducer;
  tuning: JobTuning;
  log: Logger;
}

export async function beginPoll(ctx: PollContext, pollId: string): Promise<PollStarted> {
  const categories = await neededCategories(ctx.store, ctx.config);
  const feeds = feedGroups(categories, ctx.tuning.maxCategoriesPerFeed);
  await ctx.store.forgetPollsExcept(feeds.map((group) => group.join('+')));
  const fanOutJobId = await startPoll(ctx.flow, { pollId, groups: feeds, tuning: ctx.tuning });
  ctx.log.info({ pollId, feeds: feeds.map((f) => f.join('+')) }, 'poll started');
  return { pollId, fanOutJobId, feeds };
}

export const pollHandler = (ctx: PollContext): JobHandler => (job) => beginPoll(ctx, `scheduled-${job.id ?? job.timestamp}`);
