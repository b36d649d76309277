/** `show <id|query>`: the full card, with its place in the reading order and this channel's queue. */
import { toExportJson } from '../cli/json.ts';
import { paperCardMessage } from '../messages/cards.ts';
import { paperButtons, paperOption, queuePosition, requirePaper } from './papers.ts';
import type { SubcommandDef } from './types.ts';

export const show: SubcommandDef = {
  kind: 'subcommand',
  name: 'show',
  scope: 'anywhere',
  description: 'Show a paper: authors, links, tags, takeaway, summary, sources, reading order',
  options: [paperOption('An id (arXiv id, URL, DOI) or words from the title')],
  examples: ['show 2106.09685', 'show lora', 'show https://arxiv.org/abs/2305.18290v2'],
  async run(ctx, args) {
    const entry = requirePaper(ctx.services, String(args.paper));
    // Without a channel (the CLI without --channel) there is no queue to be in.
    const position = ctx.channel ? await queuePosition({ ...ctx, channel: ctx.channel }, entry.id) : undefined;
    const message = paperCardMessage(entry, {
      ...(position === undefined ? {} : { queuePosition: position }),
      buttons: paperButtons(entry),
    });
    return { ...message, data: toExportJson(entry) };
  },
};
