/**
 * ChatPort for Slack: alert and digest deliveries post through chat.postMessage, carrying the delivery
 * id in message metadata (`event_type: paperclub_delivery`). `findDelivery` reads the channel's history
 * since an uncertain attempt (conversations.history with include_all_metadata, one call for almost every
 * case; conversations.replies for a reply in a thread) and finds the post by that id, so a post whose
 * answer was lost is never posted twice. A club session's thread is the replies under its announcement
 * (`thread_ts`).
 *
 * The WebClient used here never retries on its own (`retries: 0`, `rejectRateLimitedCalls: true`):
 * the delivery module owns retries, backoff and the one-message-a-second pacing. Every failure becomes
 * a DeliveryError saying whether to wait (429 with Retry-After), retry (nothing was posted), ask
 * first (it may have been posted: timeout, connection lost, 5xx) or give up on the channel.
 */
import { webApi } from '@slack/bolt';
import type { ChannelAddress } from '../../src/channel-address.ts';
import { formatChannelAddress } from '../../src/channel-address.ts';
import type { Logger } from '../../src/log.ts';
import type { Message } from '../../src/messages/message.ts';
import { DeliveryError, type ChatPort, type DeliveryFailure, type DeliveryLookup, type DeliveryLookupRequest, type PostOptions } from '../../src/ports.ts';
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

/** Slack's own "something went wrong on our side" answers: the operation may have partly happened. */
const MAYBE_DONE_SLACK_ERRORS: ReadonlySet<string> = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Lookup errors that mean "not allowed to read this history", not "the channel is gone". */
const HISTORY_CLOSED_ERRORS: ReadonlySet<string> = new Set(['missing_scope', 'not_in_channel', 'no_permission', 'restricted_action', 'ekm_access_denied', 'team_access_not_granted']);

/** Connection errors that happen before a request is sent: nothing can have been posted. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

/** The scopes conversations.history needs to find a post again (public and private channels). */
export const HISTORY_SCOPES = ['channels:history', 'groups:history'] as const;

/** Message metadata type that marks paperclub's deliveries (alphanumeric and underscores, as Slack wants). */
export const DELIVERY_EVENT_TYPE = 'paperclub_delivery';

/** Used when Slack answers 429 without a usable Retry-After (the docs promise one; be safe anyway). */
const DEFAULT_RETRY_AFTER_MS = 1000;
/** Our clock and Slack's may differ a little: look this much further back than the attempt began. */
const LOOKUP_CLOCK_SKEW_MS = 60_000;
const LOOKUP_PAGE = 200;
/** conversations.history pages read per lookup before giving up as "cannot tell". */
const LOOKUP_MAX_PAGES = 3;

function networkCode(error: InstanceType<typeof webApi.WebAPIRequestError>): string {
  const original = error.original as Error & { code?: string; cause?: { code?: string } };
  return original.code ?? original.cause?.code ?? '';
}

/** Maps any error from a Web API call to what the delivery should do about it. */
export function classifySlackError(error: unknown): DeliveryFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    const seconds = Number.isFinite(error.retryAfter) && error.retryAfter >= 0 ? error.retryAfter : null;
    return { kind: 'rate_limited', retryAfterMs: seconds === null ? DEFAULT_RETRY_AFTER_MS : seconds * 1000 };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    if (code === 'ratelimited' || code === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS };
    if (PERMANENT_SLACK_ERRORS.has(code)) return { kind: 'permanent', reason: code };
    return MAYBE_DONE_SLACK_ERRORS.has(code) ? { kind: 'uncertain', reason: code } : { kind: 'transient', reason: code };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const status = error.statusCode;
    // A 5xx may come from a proxy after Slack created the message: ask before posting again.
    if (status >= 500) return { kind: 'uncertain', reason: `http_${status}` };
    if (status === 408) return { kind: 'transient', reason: `http_${status}` };
    return { kind: 'permanent', reason: `http_${status}` };
  }
  if (error instanceof webApi.WebAPIRequestError) {
    const code = networkCode(error);
    const reason = `network: ${error.original.message}${code ? ` (${code})` : ''}`;
    return NOT_SENT_CODES.has(code) ? { kind: 'transient', reason } : { kind: 'uncertain', reason };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/rate limit/i.test(message)) return { kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS };
  return { kind: 'uncertain', reason: message };
}

export interface SlackWebClientOptions {
  botToken: string;
  /** Web API base, with or without a trailing slash (SLACK_API_URL). */
  apiUrl: string;
  log: Logger;
  /** Per-request timeout; a timeout is an uncertain outcome (the post may have landed). */
  timeoutMs?: number;
}

/** WebClient's `slackApiUrl` must end with '/'. */
export function slackApiBase(apiUrl: string): string {
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}

export const DEFAULT_SLACK_TIMEOUT_MS = 10_000;

/** A WebClient for deliveries: no built-in retries, rate limits rejected at once. */
export function createDeliveryWebClient(options: SlackWebClientOptions): WebClient {
  return new webApi.WebClient(options.botToken, {
    slackApiUrl: slackApiBase(options.apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? DEFAULT_SLACK_TIMEOUT_MS,
    logger: slackLogger(options.log),
  });
}

/** Slack timestamps are seconds with microseconds, as a string. */
function slackTs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export type HistoryAccess = { ok: true } | { ok: false; missing: string[] };

export class SlackChatPort implements ChatPort {
  readonly platform = 'slack' as const;
  /** Slack has no idempotency key for chat.postMessage: a repeat is always a second message. */
  readonly repeatSafeForMs = 0;
  readonly #client: WebClient;
  readonly #log: Logger;

  constructor(client: WebClient, log: Logger) {
    this.#client = client;
    this.#log = log;
  }

  async post(channel: ChannelAddress, message: Message, options: PostOptions = {}): Promise<{ messageId: string }> {
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
        ...(options.threadId ? { thread_ts: options.threadId } : {}),
        ...(options.deliveryId ? { metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: options.deliveryId } } } : {}),
      });
      const ts = result.ts ?? '';
      this.#log.debug({ channel: address, ts }, 'posted to slack');
      return { messageId: ts };
    } catch (error) {
      throw this.#deliveryError(error, `chat.postMessage to ${address}`);
    }
  }

  async findDelivery(channel: ChannelAddress, request: DeliveryLookupRequest): Promise<DeliveryLookup> {
    const address = formatChannelAddress(channel);
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_MAX_PAGES; page++) {
      let result;
      const window = {
        channel: channel.channel,
        oldest: slackTs(request.since.getTime() - LOOKUP_CLOCK_SKEW_MS),
        inclusive: true,
        include_all_metadata: true,
        limit: LOOKUP_PAGE,
        ...(cursor ? { cursor } : {}),
      };
      try {
        // A thread reply is not in the channel's history: it is read from the thread.
        result = request.threadId
          ? await this.#client.conversations.replies({ ...window, ts: request.threadId })
          : await this.#client.conversations.history(window);
      } catch (error) {
        const failure = classifySlackError(error);
        // Without a history scope, or in a public channel the bot posts to through chat:write.public
        // without being a member, Slack will not show the history: we cannot tell, and that is no
        // reason to stop posting into the channel.
        if (failure.kind === 'permanent' && HISTORY_CLOSED_ERRORS.has(failure.reason)) {
          return { found: false, complete: false, reason: `${request.threadId ? 'conversations.replies' : 'conversations.history'}: ${failure.reason}` };
        }
        // Reading twice is harmless: a lookup that may have reached Slack is simply retried.
        const retryable: DeliveryFailure = failure.kind === 'uncertain' ? { kind: 'transient', reason: failure.reason } : failure;
        throw new DeliveryError(retryable, `conversations.history of ${address} failed: ${retryable.kind}`, { cause: error });
      }
      const messages = (result.messages ?? []) as HistoryMessage[];
      const hit = messages.find((m) => m.metadata?.event_type === DELIVERY_EVENT_TYPE && m.metadata.event_payload?.['delivery_id'] === request.deliveryId);
      if (hit?.ts) return { found: true, messageId: hit.ts };
      cursor = result.has_more ? result.response_metadata?.next_cursor : undefined;
      if (!cursor) return { found: false, complete: true };
    }
    return { found: false, complete: false, reason: `more than ${LOOKUP_PAGE * LOOKUP_MAX_PAGES} messages since the attempt` };
  }

  /**
   * A Slack thread needs no call of its own: replies hang under the message, by its ts. The first reply
   * (the announcement's opener) is what members see as the thread.
   */
  async openThread(channel: ChannelAddress, messageId: string): Promise<{ threadId: string }> {
    if (channel.platform !== 'slack') throw new DeliveryError({ kind: 'permanent', reason: 'not_a_slack_channel' }, `${formatChannelAddress(channel)} is not a Slack channel`);
    return { threadId: messageId };
  }

  /** Whether the token can read channel history (auth.test reports the token's scopes). */
  async historyAccess(): Promise<HistoryAccess> {
    const result = await this.#client.auth.test();
    const scopes = new Set(result.response_metadata?.scopes ?? []);
    const missing = HISTORY_SCOPES.filter((scope) => !scopes.has(scope));
    return missing.length === 0 ? { ok: true } : { ok: false, missing };
  }

  #deliveryError(error: unknown, what: string): DeliveryError {
    const failure = classifySlackError(error);
    const detail = 'reason' in failure ? failure.reason : `retry after ${failure.retryAfterMs} ms`;
    return new DeliveryError(failure, `${what} failed: ${failure.kind} (${detail})`, { cause: error });
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
