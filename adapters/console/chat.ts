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

export function createConsoleChat(write: (text: string) => void): ChatPort {
  let sequence = 0;
  return {
    platform: 'console',
    async post(channel, message) {
      if (channel.platform !== 'console') {
        throw new DeliveryError({ kind: 'permanent', reason: `the console cannot post to ${formatChannelAddress(channel)}` });
      }
      write(`\n${formatPost(formatChannelAddress(channel), message, false).text}`);
      sequence += 1;
      return { messageId: `console-${sequence}` };
    },
  };
}
