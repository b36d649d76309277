/**
 * Deliveries need a ChatPort per platform, but the adapters start after the job runtime (the adapters'
 * commands need the runtime's digest scheduler). This registry breaks the cycle: the runtime gets
 * stable ports now, and each forwards to its adapter once that adapter is up.
 */
import type { ChannelAddress, Platform } from '../src/channel-address.ts';
import type { Message } from '../src/messages/message.ts';
import { DeliveryError, type ChatPort } from '../src/ports.ts';

export class ChatRegistry {
  private readonly ports = new Map<Platform, ChatPort>();

  register(port: ChatPort): void {
    this.ports.set(port.platform, port);
  }

  /** A port for `platform` that forwards to whichever adapter registers for it. */
  portFor(platform: Platform): ChatPort {
    return {
      platform,
      post: (channel: ChannelAddress, message: Message) => {
        const port = this.ports.get(platform);
        if (!port) {
          // Not permanent: the adapter may be starting, or run in another process after a deploy.
          throw new DeliveryError({ kind: 'transient', reason: `no ${platform} adapter is running in this process` });
        }
        return port.post(channel, message);
      },
    };
  }

  all(): Record<Platform, ChatPort> {
    return { slack: this.portFor('slack'), discord: this.portFor('discord'), console: this.portFor('console') };
  }
}
