/** `topics list`: what this channel gets new-paper alerts for. */
import type { Message } from '../../messages/message.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';

/** The channel's topics, after `lead` (what just changed); as data, the list itself (`topics list --json`). */
export function topicsMessage(topics: readonly string[], lead?: string): Message {
  const data = [...topics];
  if (topics.length === 0) {
    const text = 'This channel tracks no topics yet. An admin can add one: `/paper topics add "mixture of experts"`.';
    return { ...infoMessage(lead ? `${lead}\n${text}` : text), data };
  }
  return {
    data,
    visibility: 'ephemeral',
    summary: lead ?? `Tracked topics: ${topics.join(', ')}`,
    blocks: [
      ...(lead ? [{ type: 'text' as const, text: lead }] : []),
      { type: 'header', text: 'Topics this channel tracks' },
      { type: 'list', items: [...topics] },
      { type: 'context', text: 'New arXiv papers matching any of these are posted here once each.' },
    ],
  };
}

export const topicsList: SubcommandDef = {
  kind: 'subcommand',
  name: 'list',
  scope: 'channel',
  description: 'List the topics this channel tracks',
  options: [],
  examples: ['topics list'],
  async run(ctx) {
    return topicsMessage(await ctx.services.store.listTopics(ctx.channel));
  },
};
