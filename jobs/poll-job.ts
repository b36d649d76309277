/** The scheduled `poll-arxiv` job: plan this poll's feeds and start its flow (fetches, then fan-out). */
import type { Handler, JobContext } from './context.ts';
import { feedGroups, neededCategories, startPoll } from './poll.ts';

export interface PollStarted {
  pollId: string;
  fanOutJobId: string;
  feeds: string[][];
}

export async function beginPoll(ctx: JobContext, pollId: string): Promise<PollStarted> {
  const categories = await neededCategories(ctx.store, ctx.config);
  const feeds = feedGroups(categories, ctx.tuning.maxCategoriesPerFeed);
  await ctx.store.forgetPollsExcept(feeds.map((group) => group.join('+')));
  const fanOutJobId = await startPoll(ctx.flow, { pollId, groups: feeds, tuning: ctx.tuning });
  ctx.log.info({ pollId, feeds: feeds.map((f) => f.join('+')) }, 'poll started');
  return { pollId, fanOutJobId, feeds };
}

export const pollArxiv: Handler = (job, _token, ctx) => beginPoll(ctx, `scheduled-${job.id ?? job.timestamp}`);
