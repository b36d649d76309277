/**
 * ChatPort for Slack: alert and digest deliveries post through chat.postMessage.
 *
 * The WebClient used here never retries on its own (`retries: 0`, `rejectRateLimitedCalls: true`):
 * the job layer owns retries, backoff and the one-message-a-second pacing. Every failure becomes a
 * DeliveryError saying whether to wait (429 with Retry-After), retry (network, 5xx) or give up on the
 * channel (it is gone, the bot was removed, the token no longer works).
 */
import { webApi } from '@slack/bolt';
import type { ChannelAddress } from '../../src/channel-address.ts';
import { formatChannelAddress } from '../../src/channel-address.ts';
import type { Logger } from '../../src/log.ts';
import type { Message } from '../../src/messages/message.ts';
import { DeliveryError, type ChatPort, type DeliveryFailure } from '../../src/ports.ts';
import { renderMessage } from './render.ts';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Slack error codes after which posting to this channel cannot succeed until someone acts. */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'missing_scope',
  'no_permission',
  'restricted_action',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** Used when Slack answers 429 without a usable Retry-After (the docs promise one; be safe anyway). */
const DEFAULT_RETRY_AFTER_MS = 1000;

/** Maps any error from a Web API call to what the delivery job should do about it. */
export function classifySlackError(error: unknown): DeliveryFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    const seconds = Number.isFinite(error.retryAfter) && error.retryAfter >= 0 ? error.retryAfter : null;
    return { kind: 'rate_limited', retryAfterMs: seconds === null ? DEFAULT_RETRY_AFTER_MS : seconds * 1000 };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    if (code === 'ratelimited' || code === 'rate_limited') {
      return { kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS };
    }
    return PERMANENT_SLACK_ERRORS.has(code) ? { kind: 'permanent', reason: code } : { kind: 'transient', reason: code };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const status = error.statusCode;
    if (status >= 500 || status === 408) return { kind: 'transient', reason: `http_${status}` };
    return { kind: 'permanent', reason: `http_${status}` };
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return { kind: 'transient', reason: `network: ${error.original.message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/rate limit/i.test(message)) return { kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS };
  return { kind: 'transient', reason: message };
}

export interface SlackWebClientOptions {
  botToken: string;
  /** Web API base, with or without a trailing slash (SLACK_API_URL). */
  apiUrl: string;
  log: Logger;
  /** Per-request timeout; a timeout is a transient failure. */
  timeoutMs?: number;
}

/** WebClient's `slackApiUrl` must end with '/'. */
export function slackApiBase(apiUrl: string): string {
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}

/** A WebClient for deliveries: no built-in retries, rate limits rejected at once. */
export function createDeliveryWebClient(options: SlackWebClientOptions): WebClient {
  return new webApi.WebClient(options.botToken, {
    slackApiUrl: slackApiBase(options.apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logger: slackLogger(options.log),
  });
}

export class SlackChatPort implements ChatPort {
  readonly platform = 'slack' as const;
  readonly #client: WebClient;
  readonly #log: Logger;

  constructor(client: WebClient, log: Logger) {
    this.#client = client;
    this.#log = log;
  }

  async post(channel: ChannelAddress, message: Message): Promise<{ messageId: string }> {
    const address = formatChannelAddress(channel);
    if (channel.platform !== 'slack') {
      throw new DeliveryError({ kind: 'permanent', reason: 'not_a_slack_channel' }, `${address} is not a Slack channel`);
    }
    // A channel message: share buttons make no sense there (renderMessage drops them for in_channel).
    const rendered = renderMessage({ ...message, visibility: 'in_channel' });
    try {
      const result = await this.#client.chat.postMessage({
        channel: channel.channel,
        text: rendered.text,
        blocks: rendered.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      const ts = result.ts ?? '';
      this.#log.debug({ channel: address, ts }, 'posted to slack');
      return { messageId: ts };
    } catch (error) {
      const failure = classifySlackError(error);
      const detail = 'reason' in failure ? failure.reason : `retry after ${failure.retryAfterMs} ms`;
      throw new DeliveryError(failure, `chat.postMessage to ${address} failed: ${failure.kind} (${detail})`, {
        cause: error,
      });
    }
  }
}

/** Adapts our pino logger to the Logger interface @slack/web-api and Bolt expect. */
export function slackLogger(log: Logger): webApi.Logger {
  let level = webApi.LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => log.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => log.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => log.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => log.error(msg.map(String).join(' ')),
    setLevel: (l: webApi.LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
