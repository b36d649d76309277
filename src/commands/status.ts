/**
 * `status`: library size, this channel's topics, next digest, delivery health and the last feed polls.
 * Each part is gathered on its own, so a missing Redis or job runner shows as such instead of failing the whole answer.
 */
import { formatChannelAddress } from '../channel-address.ts';
import { isPaperclubError } from '../errors.ts';
import type { Field } from '../messages/message.ts';
import type { FeedPollStatus } from '../store/types.ts';
import { describeSchedule, formatWhen } from './digest/schedule-input.ts';
import type { SubcommandDef } from './types.ts';

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
  return `${poll.category}: ${poll.outcome.replace('_', ' ')}${items}${detail}, ${ago(now, poll.checkedAt)}`;
}

export const status: SubcommandDef = {
  kind: 'subcommand',
  name: 'status',
  description: 'Library size, tracked topics, next digest and the last arXiv feed polls',
  options: [],
  examples: ['status'],
  async run(ctx) {
    const { library, store, digests, clock } = ctx.services;
    const now = clock.now();
    const [topics, schedule, nextRun, health, polls] = await Promise.allSettled([
      store.listTopics(ctx.channel),
      store.getSchedule(ctx.channel),
      digests.nextRun(ctx.channel),
      store.channelHealth(ctx.channel),
      store.lastPolls(),
    ]);
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
        value: settled(health, (h) =>
          h.blockedReason
            ? `stopped: ${h.blockedReason}${h.blockedAt ? ` (since ${h.blockedAt})` : ''}. Fix the cause (e.g. invite the bot), then an operator runs \`paperclub resume --channel ${formatChannelAddress(ctx.channel)}\``
            : 'ok',
        ),
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
    };
  },
};
