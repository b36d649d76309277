/** `poll --once`: one poll cycle now; answers when every delivery it caused has finished. */
import { PaperclubError } from '../../errors.ts';
import type { Message } from '../../messages/message.ts';
import type { SubcommandDef } from '../types.ts';
import { operatorServices } from './services.ts';

export const poll: SubcommandDef = {
  kind: 'subcommand',
  name: 'poll',
  scope: 'anywhere',
  audience: 'operator',
  description: "Poll arXiv's feeds once now and deliver the new matches (workers need the chat tokens)",
  // Spelled out, so a future `poll --watch` cannot be mistaken for today's one-shot poll.
  options: [{ name: 'once', description: 'One poll cycle, now (the only mode)', type: 'boolean', required: true }],
  examples: ['poll --once'],
  async run(ctx, args) {
    if (args.once !== true) throw new PaperclubError('bad_arguments', '`poll` runs one cycle now: use `poll --once`.');
    const summary = await operatorServices(ctx, 'poll').pollOnce();
    const failed = summary.feedsFailed > 0 || summary.failedDeliveries > 0;
    const lines = [
      `Polled ${summary.feeds} feed(s): ${summary.items} item(s), ${summary.feedsNotModified} not modified, ${summary.feedsFailed} failed.`,
      `${summary.matched} new match(es) in ${summary.channels} channel(s): ${summary.posted} paper(s) posted, ${summary.failedDeliveries} delivery job(s) failed.`,
    ];
    const message: Message = {
      visibility: 'ephemeral',
      summary: lines[0]!,
      blocks: lines.map((text) => ({ type: 'text', text })),
      data: summary,
    };
    // A failed feed or delivery is the operator's business: the answer is shown and the exit code says so.
    return failed ? { ...message, error: true } : message;
  },
};
