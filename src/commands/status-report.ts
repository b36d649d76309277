/**
 * What `status` reports, gathered from the store and the job runner: a feed that needs an operator,
 * and the deployment-wide report of `status --all` (every channel with topics or a digest, every
 * feed, the queues). Its JSON shape is documented in docs/cli.md.
 */
import { expectedFeedState } from '../arxiv/calendar.ts';
import { formatChannelAddress, type ChannelAddress } from '../channel-address.ts';
import type { FeedPollStatus } from '../store/types.ts';
import { describeSchedule } from './digest/schedule-input.ts';
import type { AnywhereContext, HeldBack } from './types.ts';

/**
 * Stale feeds and failed fetches need an operator, and so does a feed that came back empty when arXiv
 * had announced papers (an empty weekend or holiday feed is normal): judged by when it was checked.
 */
export function feedNeedsAttention(poll: FeedPollStatus): boolean {
  if (poll.outcome === 'stale' || poll.outcome === 'error') return true;
  if (poll.outcome !== 'empty') return false;
  const checkedAt = new Date(poll.checkedAt);
  return !Number.isNaN(checkedAt.getTime()) && expectedFeedState(checkedAt).expectNonEmpty;
}

export interface ChannelReport {
  channel: string;
  topics: string[];
  /** `every Monday at 09:30 (Europe/Berlin)`, or null when off. */
  digest: string | null;
  /** ISO 8601, or null when off or unknown. */
  nextDigest: string | null;
  /** Why deliveries stopped, or null. */
  blocked: string | null;
  blockedAt: string | null;
  /** Papers the channel holds until they are posted; null when the job runner cannot be asked. */
  heldBack: HeldBack | null;
}

export interface DeploymentReport {
  /** Papers in the library. */
  library: number;
  polls: Array<FeedPollStatus & { needsAttention: boolean }>;
  channels: ChannelReport[];
  /** Jobs per state in each queue; empty when the job runner is unreachable. */
  queues: Record<string, Record<string, number>>;
  /** False when the job runner could not be asked (no Redis): `queues` is then empty. */
  queuesAvailable: boolean;
}

/** Every channel that tracks topics or has a digest, every feed's last poll, and the queues. */
export async function gatherDeploymentReport(ctx: AnywhereContext): Promise<DeploymentReport> {
  const { library, store, digests, operator, deliveries } = ctx.services;
  const [polls, withTopics, schedules, queues] = await Promise.all([
    store.lastPolls(),
    store.allTopics(),
    store.allSchedules(),
    operator ? operator.queueCounts() : Promise.resolve(null),
  ]);
  const byAddress = new Map<string, ChannelAddress>();
  for (const { channel } of [...withTopics, ...schedules]) byAddress.set(formatChannelAddress(channel), channel);
  const channels: ChannelReport[] = [];
  for (const [address, channel] of [...byAddress].sort(([a], [b]) => a.localeCompare(b))) {
    const schedule = schedules.find((s) => formatChannelAddress(s.channel) === address)?.schedule ?? null;
    const [health, next, heldBack] = await Promise.all([
      store.channelHealth(channel),
      schedule ? digests.nextRun(channel) : Promise.resolve(null),
      deliveries ? deliveries.heldBack(channel) : Promise.resolve(null),
    ]);
    channels.push({
      channel: address,
      topics: withTopics.find((t) => formatChannelAddress(t.channel) === address)?.topics ?? [],
      digest: schedule ? describeSchedule(schedule) : null,
      nextDigest: next?.toISOString() ?? null,
      blocked: health.blockedReason,
      blockedAt: health.blockedAt,
      heldBack,
    });
  }
  return {
    library: library.size,
    polls: polls.map((poll) => ({ ...poll, needsAttention: feedNeedsAttention(poll) })),
    channels,
    queues: queues ?? {},
    queuesAvailable: queues !== null,
  };
}
