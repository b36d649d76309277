/** `resume --channel <address>`: restart deliveries to a channel a permanent error had stopped. */
import { formatChannelAddress } from '../../channel-address.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';
import { operatorServices } from './services.ts';

export const resume: SubcommandDef = {
  kind: 'subcommand',
  name: 'resume',
  scope: 'channel',
  audience: 'operator',
  description: 'Restart deliveries to a channel a permanent error had stopped, once the cause is fixed',
  options: [],
  examples: ['resume --channel slack:T0123/C0456'],
  async run(ctx) {
    const where = formatChannelAddress(ctx.channel);
    const result = await operatorServices(ctx, 'resume').resume(ctx.channel);
    const data = { channel: where, ...result };
    if (!result.stopped) return { ...infoMessage(`Deliveries to ${where} are not stopped; nothing to resume.`), data };
    const since = result.stopped.since ? `, since ${result.stopped.since}` : '';
    const papers =
      result.delivered === null
        ? 'Papers held back meanwhile come with the next poll while arXiv still lists them.'
        : `${result.delivered} held-back paper(s) delivered now.`;
    return { ...infoMessage(`Deliveries to ${where} resume (they had stopped: ${result.stopped.reason}${since}). ${papers}`), data };
  },
};
