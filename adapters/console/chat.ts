/** The console's ChatPort: alerts and digests for console channels are printed to the terminal. */
import { formatChannelAddress } from '../../src/channel-address.ts';
import { DeliveryError, type ChatPort } from '../../src/ports.ts';
import type { Message } from '../../src/messages/message.ts';
import { renderMessage } from './render.ts';

export const postHeader = (channel: string) => `── posted in ${channel} ──`;
export const POST_END = '── end of post ──';

export function formatPost(channel: string, message: Message, numbered: boolean): { text: string; buttons: ReturnType<typeof renderMessage>['buttons'] } {
  const rendered = renderMessage(message, { numbered });
  return { text: `${postHeader(channel)}\n${rendered.text}\n${POST_END}\n`, buttons: rendered.buttons };
}

/**
 * A write to the terminal either happens or throws, so a console post is never uncertain. The
 * deliveries printed by this process are remembered for `findDelivery`; a terminal has no history to
 * read after a restart, so a lookup for anything else cannot tell.
 */
export function createConsoleChat(write: (text: string) => void): ChatPort {
  let sequence = 0;
  const printed = new Map<string, string>();
  return {
    platform: 'console',
    repeatSafeForMs: 0,
    async post(channel, message, options) {
      if (channel.platform !== 'console') {
        throw new DeliveryError({ kind: 'permanent', reason: `the console cannot post to ${formatChannelAddress(channel)}` });
      }
      write(`\n${formatPost(formatChannelAddress(channel), message, false).text}`);
      sequence += 1;
      const messageId = `console-${sequence}`;
      if (options?.deliveryId) printed.set(`${formatChannelAddress(channel)} ${options.deliveryId}`, messageId);
      return { messageId };
    },
    async findDelivery(channel, { deliveryId }) {
      const messageId = printed.get(`${formatChannelAddress(channel)} ${deliveryId}`);
      return messageId ? { found: true, messageId } : { found: false, complete: false, reason: 'a terminal keeps no history to look in' };
    },
  };
}
