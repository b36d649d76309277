/**
 * Posts alerts and digests into Discord channels: POST /channels/{id}/messages with the bot token.
 *
 * The REST client is configured to FAIL rather than wait: `rejectOnRateLimit` turns a 429 (or a bucket
 * known to be exhausted) into a RateLimitError, and `retries: 0` surfaces a 5xx at once. The delivery
 * job owns waiting and retrying (it honours retryAfterMs and backs off), so nothing waits twice and a
 * slow channel never blocks the REST queue for the others.
 */
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import type { ChannelAddress } from '../../src/channel-address.ts';
import { formatChannelAddress } from '../../src/channel-address.ts';
import type { Message } from '../../src/messages/message.ts';
import { DeliveryError, type ChatPort, type DeliveryFailure } from '../../src/ports.ts';
import type { ButtonCommandStore } from './custom-id.ts';
import { renderMessage } from './render.ts';

/** Discord JSON error codes that mean "this channel is gone or closed to us": stop delivering there. */
export const PERMANENT_CODES: Readonly<Record<number, string>> = {
  10003: 'Unknown Channel',
  50001: 'Missing Access',
  50013: 'Missing Permissions',
  10004: 'Unknown Guild',
  50007: 'Cannot send messages to this user',
  40001: 'Unauthorized',
};

export function createDeliveryRest(options: { apiUrl: string; token?: string; timeoutMs?: number }): REST {
  const rest = new REST({
    api: options.apiUrl,
    retries: 0,
    rejectOnRateLimit: () => true,
    // The job adds its own margin; report Discord's Retry-After as given.
    offset: 0,
    timeout: options.timeoutMs ?? 15_000,
  });
  if (options.token) rest.setToken(options.token);
  return rest;
}

/** Maps what @discordjs/rest throws to the delivery job's three outcomes. */
export function classifyDiscordError(error: unknown): DeliveryFailure {
  if (error instanceof RateLimitError) {
    const wait = error.retryAfter > 0 ? error.retryAfter : error.timeToReset > 0 ? error.timeToReset : 1000;
    return { kind: 'rate_limited', retryAfterMs: Math.ceil(wait) };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const known = PERMANENT_CODES[code];
    if (known) return { kind: 'permanent', reason: `${known} (Discord ${code}, HTTP ${error.status})` };
    if (error.status === 429) return { kind: 'rate_limited', retryAfterMs: 1000 };
    if (error.status === 408) return { kind: 'transient', reason: `HTTP 408: ${error.message}` };
    if (error.status >= 500) return { kind: 'transient', reason: `HTTP ${error.status}: ${error.message}` };
    // 401 bad token, 403 forbidden, 404 unknown, 400 rejected payload: retrying the same request cannot help.
    return { kind: 'permanent', reason: `HTTP ${error.status} (Discord ${String(error.code)}): ${error.message}` };
  }
  if (error instanceof HTTPError) {
    return error.status >= 500 || error.status === 408
      ? { kind: 'transient', reason: `HTTP ${error.status} ${error.message}` }
      : { kind: 'permanent', reason: `HTTP ${error.status} ${error.message}` };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'transient', reason: `network: ${message}` };
}

export class DiscordChatPort implements ChatPort {
  readonly platform = 'discord' as const;
  readonly #rest: REST;
  readonly #buttons: ButtonCommandStore;
  readonly #hasToken: boolean;

  constructor(options: { rest: REST; buttons: ButtonCommandStore; hasToken: boolean }) {
    this.#rest = options.rest;
    this.#buttons = options.buttons;
    this.#hasToken = options.hasToken;
  }

  async post(channel: ChannelAddress, message: Message): Promise<{ messageId: string }> {
    const where = formatChannelAddress(channel);
    if (channel.platform !== 'discord') {
      throw new DeliveryError({ kind: 'permanent', reason: `${where} is not a Discord channel` });
    }
    if (!this.#hasToken) {
      throw new DeliveryError({ kind: 'permanent', reason: 'DISCORD_TOKEN is not set, so the bot cannot post into channels' });
    }
    // A channel message is public whatever the Message says: there is no one to be ephemeral to.
    const { flags: _ephemeral, ...body } = renderMessage(message, this.#buttons, { visibility: 'in_channel' });
    try {
      const created = (await this.#rest.post(Routes.channelMessages(channel.channel), { body })) as { id?: unknown };
      if (typeof created?.id !== 'string') {
        throw new DeliveryError({ kind: 'transient', reason: 'Discord answered without a message id' }, `posting to ${where}: Discord answered without a message id`);
      }
      return { messageId: created.id };
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      const failure = classifyDiscordError(error);
      throw new DeliveryError(failure, `posting to ${where} failed: ${failure.kind}${'reason' in failure ? ` (${failure.reason})` : ` (retry in ${failure.retryAfterMs} ms)`}`, {
        cause: error,
      });
    }
  }
}
