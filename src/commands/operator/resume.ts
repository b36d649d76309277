/** `resume --channel <address>`: unblock a channel and deliver the papers it held back, now. */
import { formatChannelAddress } from '../../channel-address.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';
import { operatorServices } from './services.ts';

export const resume: SubcommandDef = {
  kind: 'subcommand',
  name: 'resume',
  scope: 'channel',
  audience: 'operator',
  description: 'Unblock a channel once the cause is fixed and deliver the papers it held back, now',
  options: [],
  examples: ['resume --channel slack:T0123/C0456'],
  async run(ctx) {
    const where = formatChannelAddress(ctx.channel);
    const result = await operatorServices(ctx, 'resume').resume(ctx.channel);
    const data = { channel: where, ...result };
    const held =
      result.heldBack === 0
        ? 'No papers were held back.'
        : `${result.heldBack} held-back paper(s), the oldest waiting since ${result.oldestSince ?? 'unknown'}, are queued for delivery now.`;
    const noWorker =
      result.heldBack > 0 && result.workersOnline === 0
        ? ' No delivery worker is running right now: they are posted once `npm start` or `npm run worker` runs.'
        : '';
    if (result.stopped) {
      const since = result.stopped.since ? `, since ${result.stopped.since}` : '';
      return { ...infoMessage(`Deliveries to ${where} resume (they had stopped: ${result.stopped.reason}${since}). ${held}${noWorker}`), data };
    }
    if (result.heldBack === 0) return { ...infoMessage(`Deliveries to ${where} are not stopped and nothing is held back; nothing to resume.`), data };
    return { ...infoMessage(`Deliveries to ${where} were not stopped. ${held}${noWorker}`), data };
  },
};
