/**
 * Deliveries need a ChatPort per platform, but the adapters start after the job runtime (the adapters'
 * commands need the runtime's digest scheduler). This registry breaks the cycle: the runtime gets
 * stable ports now, and each forwards to its adapter once that adapter is up.
 */
import type { ChannelAddress, Platform } from '../src/channel-address.ts';
import type { Message } from '../src/messages/message.ts';
import { DeliveryError, type ChatPort, type DeliveryLookupRequest, type PostOptions } from '../src/ports.ts';

export class ChatRegistry {
  private readonly ports = new Map<Platform, ChatPort>();

  register(port: ChatPort): void {
    this.ports.set(port.platform, port);
  }

  /** A port for `platform` that forwards to whichever adapter registers for it. */
  portFor(platform: Platform): ChatPort {
    const registered = (): ChatPort => {
      const port = this.ports.get(platform);
      // Not permanent: the adapter may be starting, or run in another process after a deploy.
      if (!port) throw new DeliveryError({ kind: 'transient', reason: `no ${platform} adapter is running in this process` });
      return port;
    };
    const ports = this.ports;
    return {
      platform,
      get repeatSafeForMs() {
        return ports.get(platform)?.repeatSafeForMs ?? 0;
      },
      post: async (channel: ChannelAddress, message: Message, options?: PostOptions) => registered().post(channel, message, options),
      findDelivery: async (channel: ChannelAddress, request: DeliveryLookupRequest) => registered().findDelivery(channel, request),
      // The console has no threads; Slack's and Discord's adapters open them.
      ...(platform === 'console'
        ? {}
        : {
            openThread: async (channel: ChannelAddress, messageId: string, options: { name: string }) => {
              const port = registered();
              if (!port.openThread) throw new DeliveryError({ kind: 'permanent', reason: `the ${platform} adapter opens no threads` });
              return port.openThread(channel, messageId, options);
            },
          }),
    };
  }

  all(): Record<Platform, ChatPort> {
    return { slack: this.portFor('slack'), discord: this.portFor('discord'), console: this.portFor('console') };
  }
}
