/**
 * `status`: library size, this channel's topics, next digest, delivery health and the last feed polls.
 * Each part is gathered on its own, so a missing Redis or job runner shows as such instead of failing the whole answer.
 * At the CLI, `status --all` (or `status` without `--channel`) reports the whole deployment instead.
 */
import { formatChannelAddress, type ChannelAddress } from '../channel-address.ts';
import { isPaperclubError } from '../errors.ts';
import type { Block, Field, Message } from '../messages/message.ts';
import type { FeedPollStatus } from '../store/types.ts';
import { describeSchedule, formatWhen } from './digest/schedule-input.ts';
import { feedNeedsAttention, gatherDeploymentReport, type DeploymentReport } from './status-report.ts';
import type { AnywhereContext, HeldBack, SubcommandDef } from './types.ts';

const ATTENTION = 'needs attention';

function unavailable(reason: unknown): string {
  return isPaperclubError(reason) && reason.code === 'storage_unavailable' ? 'unavailable (Redis is not running)' : 'unavailable (see the logs)';
}

function settled<T>(result: PromiseSettledResult<T>, show: (value: T) => string): string {
  return result.status === 'fulfilled' ? show(result.value) : unavailable(result.reason);
}

function ago(from: Date, iso: string): string {
  const minutes = Math.round((from.getTime() - Date.parse(iso)) / 60_000);
  if (Number.isNaN(minutes)) return iso;
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

function pollLine(poll: FeedPollStatus, now: Date): string {
  const items = poll.outcome === 'ok' ? `, ${poll.items} items` : '';
  const detail = poll.detail ? ` (${poll.detail})` : '';
  const flag = feedNeedsAttention(poll) ? ` (${ATTENTION})` : '';
  return `${poll.category}: ${poll.outcome.replace('_', ' ')}${items}${detail}, ${ago(now, poll.checkedAt)}${flag}`;
}

const heldText = (held: HeldBack) => `${held.papers} paper(s) held back, waiting since ${held.oldestSince ?? 'unknown'}`;

const resumeHint = (address: string) => `Fix the cause (e.g. invite the bot), then an operator runs \`paperclub resume --channel ${address}\``;

/** The deployment report as a message: feeds, every channel with topics or a digest, the queues. */
function deploymentMessage(report: DeploymentReport, now: Date): Message {
  const feeds = report.polls.length > 0 ? report.polls.map((poll) => pollLine(poll, now)).join('\n') : 'not polled yet';
  const channels = report.channels.map((c) => {
    const topics = c.topics.length > 0 ? `${c.topics.length} topic(s): ${c.topics.join('; ')}` : 'no topics';
    const digest = c.digest ? `digest ${c.digest}${c.nextDigest ? `, next ${c.nextDigest}` : ''}` : 'digest off';
    const held = c.heldBack && c.heldBack.papers > 0 ? `; ${heldText(c.heldBack)}` : '';
    const blocked = c.blocked ? `; deliveries STOPPED since ${c.blockedAt ?? 'unknown'}: ${c.blocked}. ${resumeHint(c.channel)}` : '';
    return `${c.channel}: ${topics}; ${digest}${held}${blocked}`;
  });
  const queues = report.queuesAvailable
    ? Object.entries(report.queues).map(([name, counts]) => `${name}: ${Object.entries(counts).map(([state, n]) => `${state} ${n}`).join(', ')}`).join('\n')
    : 'unavailable (the job runner needs Redis)';
  const attention = report.polls.filter((p) => p.needsAttention).length + report.channels.filter((c) => c.blocked).length;
  const blocks: Block[] = [
    { type: 'header', text: 'paperclub status: the whole deployment' },
    {
      type: 'fields',
      fields: [
        { label: 'Library', value: `${report.library} papers`, inline: true },
        { label: 'Needs attention', value: attention === 0 ? 'nothing' : `${attention} item(s), marked below`, inline: true },
        { label: 'arXiv feeds', value: feeds },
        { label: 'Queues', value: queues },
      ],
    },
    { type: 'text', text: `Channels with topics or a digest (${report.channels.length})` },
    channels.length > 0 ? { type: 'list', items: channels } : { type: 'context', text: 'None yet: no channel tracks topics or has a digest.' },
  ];
  const { queuesAvailable: _available, ...data } = report;
  return { visibility: 'ephemeral', summary: `paperclub status: ${report.library} papers, ${report.channels.length} channel(s)`, blocks, data };
}

export const status: SubcommandDef = {
  kind: 'subcommand',
  name: 'status',
  scope: 'anywhere',
  description: 'Library size, tracked topics, next digest and the last arXiv feed polls',
  options: [
    {
      name: 'all',
      description: 'The whole deployment: every feed, every channel with topics or a digest, the queues',
      type: 'boolean',
      required: false,
      audience: 'operator',
    },
  ],
  examples: ['status', 'status --all'],
  async run(ctx, args) {
    if (args.all === true || ctx.channel === null) {
      return deploymentMessage(await gatherDeploymentReport(ctx), ctx.services.clock.now());
    }
    return channelStatus({ ...ctx, channel: ctx.channel });
  },
};

async function channelStatus(ctx: AnywhereContext & { channel: ChannelAddress }): Promise<Message> {
  const { library, store, digests, clock, deliveries } = ctx.services;
  const now = clock.now();
  const [topics, schedule, nextRun, health, polls, held] = await Promise.allSettled([
    store.listTopics(ctx.channel),
    store.getSchedule(ctx.channel),
    digests.nextRun(ctx.channel),
    store.channelHealth(ctx.channel),
    store.lastPolls(),
    deliveries ? deliveries.heldBack(ctx.channel) : Promise.resolve(null),
  ]);
  const heldBack = held.status === 'fulfilled' ? held.value : null;
  const digestText =
    schedule.status === 'rejected'
      ? unavailable(schedule.reason)
      : schedule.value === null
        ? 'not scheduled (`/paper digest schedule mon 09:30 Europe/Berlin`)'
        : `${describeSchedule(schedule.value)}${nextRun.status === 'fulfilled' && nextRun.value ? `; next ${formatWhen(nextRun.value, schedule.value.timeZone)}` : ''}`;
  const fields: Field[] = [
    { label: 'Library', value: `${library.size} papers`, inline: true },
    { label: 'Channel', value: formatChannelAddress(ctx.channel), inline: true },
    { label: 'Tracked topics', value: settled(topics, (t) => (t.length > 0 ? t.join(', ') : 'none')) },
    { label: 'Weekly digest', value: digestText },
    {
      label: 'Deliveries here',
      value: settled(health, (h) => {
        const waiting = heldBack && heldBack.papers > 0 ? `; ${heldText(heldBack)}` : '';
        return h.blockedReason
          ? `stopped: ${h.blockedReason}${h.blockedAt ? ` (since ${h.blockedAt})` : ''}${waiting}. ${resumeHint(formatChannelAddress(ctx.channel))}`
          : `ok${waiting}`;
      }),
    },
    {
      label: 'arXiv feeds',
      value: settled(polls, (p) => (p.length > 0 ? p.map((poll) => pollLine(poll, now)).join('\n') : 'not polled yet')),
    },
  ];
  return {
    visibility: 'ephemeral',
    summary: `paperclub status: ${library.size} papers`,
    blocks: [{ type: 'header', text: 'paperclub status' }, { type: 'fields', fields }],
    data: {
      library: library.size,
      channel: formatChannelAddress(ctx.channel),
      topics: topics.status === 'fulfilled' ? topics.value : null,
      digest: schedule.status === 'fulfilled' && schedule.value ? describeSchedule(schedule.value) : null,
      nextDigest: nextRun.status === 'fulfilled' ? (nextRun.value?.toISOString() ?? null) : null,
      blocked: health.status === 'fulfilled' ? health.value.blockedReason : null,
      blockedAt: health.status === 'fulfilled' ? health.value.blockedAt : null,
      heldBack,
      polls: polls.status === 'fulfilled' ? polls.value.map((poll) => ({ ...poll, needsAttention: feedNeedsAttention(poll) })) : null,
    },
  };
}
