/** `topics add <topic>`: validated now, so a mistake never surfaces at poll time. */
import { PaperclubError } from '../../errors.ts';
import { parseTopic } from '../../topics/parse.ts';
import { clip } from '../../text/clip.ts';
import type { SubcommandDef } from '../types.ts';
import { topicsMessage } from './list.ts';

export const topicsAdd: SubcommandDef = {
  kind: 'subcommand',
  name: 'add',
  scope: 'channel',
  description: 'Track a topic: new arXiv papers matching it are posted here',
  admin: true,
  options: [{ name: 'topic', description: 'A phrase with optional qualifiers: "kv cache", au:"Tri Dao", cat:cs.CL, -survey', type: 'string', required: true, rest: true, maxLength: 200 }],
  examples: ['topics add "mixture of experts"', 'topics add moe OR "sparse experts"', 'topics add au:"Tri Dao"', 'topics add cat:cs.CL -survey'],
  async run(ctx, args) {
    const topic = String(args.topic).trim();
    const parsed = parseTopic(topic);
    if (!parsed.ok) throw new PaperclubError('invalid_topic', `That topic can't be tracked: ${parsed.error}`, { topic: clip(topic, 200) });
    const added = await ctx.services.store.addTopic(ctx.channel, topic);
    const topics = await ctx.services.store.listTopics(ctx.channel);
    return topicsMessage(topics, added ? `Now tracking ${topic}.` : `This channel already tracks ${topic}.`);
  },
};
