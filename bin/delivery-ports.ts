/**
 * The chat ports a process delivers through when it runs no chat adapter (`npm run worker`, the admin
 * CLI): one per platform that has credentials. Console channels print where the delivery runs.
 * A platform without credentials gets no port: its deliveries retry (transient), then stay held for a
 * later poll or `resume`, rather than being dropped.
 */
import { createConsoleChat } from '../adapters/console/chat.ts';
import { DiscordChatPort } from '../adapters/discord/chat-port.ts';
import { ButtonCommandStore } from '../adapters/discord/custom-id.ts';
import type { Platform } from '../src/channel-address.ts';
import type { Config } from '../src/config.ts';
import type { Logger } from '../src/log.ts';
import type { ChatPort } from '../src/ports.ts';

export async function deliveryChatPorts(config: Config, log: Logger, write: (text: string) => void): Promise<Partial<Record<Platform, ChatPort>>> {
  const ports: Partial<Record<Platform, ChatPort>> = { console: createConsoleChat(write) };
  if (config.slack.botToken) {
    // Bolt (its Web API client) loads only where a Slack token is configured.
    const { SlackChatPort, createDeliveryWebClient } = await import('../adapters/slack/chat-port.ts');
    const client = createDeliveryWebClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, log: log.child({ platform: 'slack' }) });
    ports.slack = new SlackChatPort(client, log.child({ platform: 'slack' }));
  }
  if (config.discord.token) {
    ports.discord = new DiscordChatPort({ apiUrl: config.discord.apiUrl, token: config.discord.token, buttons: new ButtonCommandStore() });
  }
  return ports;
}
