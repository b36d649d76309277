/** `topics remove <topic>`: case and spacing need not match how it was added. */
import { PaperclubError } from '../../errors.ts';
import { clip } from '../../text/clip.ts';
import type { SubcommandDef } from '../types.ts';
import { topicsMessage } from './list.ts';

export const topicsRemove: SubcommandDef = {
  kind: 'subcommand',
  name: 'remove',
  scope: 'channel',
  description: 'Stop tracking a topic',
  admin: true,
  options: [{ name: 'topic', description: 'The topic as listed by `topics list`', type: 'string', required: true, rest: true, maxLength: 200 }],
  examples: ['topics remove "mixture of experts"'],
  async run(ctx, args) {
    const topic = String(args.topic).trim();
    const removed = await ctx.services.store.removeTopic(ctx.channel, topic);
    const topics = await ctx.services.store.listTopics(ctx.channel);
    if (!removed) {
      const tracked = topics.length > 0 ? ` It tracks: ${topics.join(', ')}.` : ' It tracks no topics.';
      throw new PaperclubError('bad_arguments', `This channel doesn't track ${clip(topic)}.${tracked}`, { topic: clip(topic, 200) });
    }
    return topicsMessage(topics, `Stopped tracking ${topic}.`);
  },
};
