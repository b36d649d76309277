/**
 * Posts alerts and digests into Discord channels: POST /channels/{id}/messages with the bot token. A
 * club session's announcement gets a thread started from it; replies to it are posted into the thread.
 *
 * Every delivery carries a `nonce` derived from its delivery id with `enforce_nonce: true`, so Discord
 * itself turns a repeated create within its nonce window into the first message (the answer names the
 * existing message) instead of a second one. Past that window, `findDelivery` lists the channel's
 * messages created after the uncertain attempt (`GET /channels/{id}/messages?after=<snowflake>`) and
 * looks for this bot's message with the same rendered content: Discord does not store the nonce, so it
 * cannot be read back, but the bot's own messages and embeds are always readable.
 *
 * Requests go out with fetch, one call per post, when the delivery module says so. discord.js's REST
 * client queues requests per route bucket and would send a queued post the instant a slow one returns,
 * defeating the per-channel pace, which is measured when a request is sent. Failures become
 * DeliveryErrors: wait (429 retry_after), retry (nothing was sent), ask first (timeout, connection lost
 * after sending, 5xx) or give up on the channel (it is gone, the bot lost access).
 */
import { createHash } from 'node:crypto';
import type { ChannelAddress } from '../../src/channel-address.ts';
import { formatChannelAddress } from '../../src/channel-address.ts';
import type { Message } from '../../src/messages/message.ts';
import { DeliveryError, type ChatPort, type DeliveryFailure, type DeliveryLookup, type DeliveryLookupRequest, type PostOptions } from '../../src/ports.ts';
import type { ButtonCommandStore } from './custom-id.ts';
import { truncate } from './truncate.ts';
import { renderMessage, type DiscordMessagePayload } from './render.ts';

/** Discord JSON error codes that mean "this channel is gone or closed to us": stop delivering there. */
export const PERMANENT_CODES: Readonly<Record<number, string>> = {
  10003: 'Unknown Channel',
  50001: 'Missing Access',
  50013: 'Missing Permissions',
  10004: 'Unknown Guild',
  50007: 'Cannot send messages to this user',
  40001: 'Unauthorized',
};

export const DISCORD_API_VERSION = '10';
/** Milliseconds from the Unix epoch to Discord's (2015-01-01), for snowflakes made from a time. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;
/**
 * How long Discord is trusted to deduplicate a repeated nonce. Discord documents "the past few
 * minutes" without a number; one minute is well inside that, and a later repeat is looked up instead.
 */
export const NONCE_TRUST_MS = 60_000;
export const DEFAULT_DISCORD_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY_AFTER_MS = 1000;
/** Our clock and Discord's may differ a little: list from this much before the attempt began. */
const LOOKUP_CLOCK_SKEW_MS = 60_000;
const LOOKUP_PAGE = 100;
const LOOKUP_MAX_PAGES = 3;

/** Announcement, public and private thread channel types. */
const THREAD_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);
/** Thread → channel answers remembered (a thread never moves to another channel). */
const THREAD_PARENTS = 5000;

/** Discord's answer to a second thread started from the same message. */
export const THREAD_ALREADY_CREATED = 160004;
/** A session's thread archives after a week without messages (a weekly club's rhythm); posting reopens it. */
export const THREAD_ARCHIVE_MINUTES = 10080;
const THREAD_NAME_MAX = 100;

/** A thread name Discord accepts: one line, 1-100 characters, cut on a code point (as command descriptions are). */
export function threadName(text: string): string {
  return truncate(text, THREAD_NAME_MAX) || 'Discussion';
}

/** Connection errors that happen before a request is sent: nothing can have been posted. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * The nonce for a delivery into a channel: Discord takes strings of at most 25 characters, and checks
 * them per author (the bot), across channels; so the channel is part of it, or the same delivery id in
 * two channels (alert:<paper> for two channels tracking it) would turn the second post into the first.
 */
export function deliveryNonce(channelId: string, deliveryId: string): string {
  return createHash('sha256').update(`${channelId}\n${deliveryId}`).digest('base64url').slice(0, 25);
}

/** The smallest snowflake of a message created at `ms` (for `?after=`). */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(ms, DISCORD_EPOCH_MS)) - BigInt(DISCORD_EPOCH_MS)) << 22n).toString();
}

/** Maps a failed request (an HTTP answer, or the error fetch threw) to what the delivery should do. */
export function classifyDiscordFailure(outcome: { status: number; body: unknown; retryAfterHeader: string | null } | { error: unknown }): DeliveryFailure {
  if ('error' in outcome) {
    const error = outcome.error as Error & { cause?: { code?: string } };
    if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return { kind: 'uncertain', reason: `timeout: ${error.message}` };
    const code = error?.cause?.code ?? '';
    const reason = `network: ${error?.message ?? String(outcome.error)}${code ? ` (${code})` : ''}`;
    return NOT_SENT_CODES.has(code) ? { kind: 'transient', reason } : { kind: 'uncertain', reason };
  }
  const { status, body } = outcome;
  const json = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; message?: unknown; retry_after?: unknown };
  if (status === 429) {
    const seconds = typeof json.retry_after === 'number' ? json.retry_after : Number(outcome.retryAfterHeader);
    return { kind: 'rate_limited', retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : DEFAULT_RETRY_AFTER_MS };
  }
  const code = typeof json.code === 'number' ? json.code : Number(json.code);
  const message = typeof json.message === 'string' ? json.message : '';
  const known = PERMANENT_CODES[code];
  if (known) return { kind: 'permanent', reason: `${known} (Discord ${code}, HTTP ${status})` };
  if (status >= 500) return { kind: 'uncertain', reason: `HTTP ${status}${message ? `: ${message}` : ''}` };
  if (status === 408) return { kind: 'transient', reason: `HTTP 408${message ? `: ${message}` : ''}` };
  // 401 bad token, 403 forbidden, 404 unknown, 400 rejected payload: retrying the same request cannot help.
  return { kind: 'permanent', reason: `HTTP ${status} (Discord ${Number.isFinite(code) ? code : 'no code'})${message ? `: ${message}` : ''}` };
}

/** A read that may have reached Discord is simply read again: "uncertain" means nothing for a GET. */
function asReadFailure(error: unknown): unknown {
  return error instanceof DeliveryError && error.failure.kind === 'uncertain'
    ? new DeliveryError({ kind: 'transient', reason: error.failure.reason }, error.message, { cause: error })
    : error;
}

interface ListedMessage {
  id?: string;
  author?: { id?: string };
  content?: string;
  embeds?: Array<{ title?: string; description?: string; url?: string; fields?: Array<{ name?: string; value?: string }>; footer?: { text?: string } }>;
}

const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** What identifies a posted message: its text and embeds as Discord shows them (not its buttons). */
function fingerprint(message: Pick<ListedMessage, 'content' | 'embeds'>): string {
  return JSON.stringify([
    squash(message.content),
    (message.embeds ?? []).map((e) => [squash(e.title), squash(e.description), squash(e.url), (e.fields ?? []).map((f) => [squash(f.name), squash(f.value)]), squash(e.footer?.text)]),
  ]);
}

export interface DiscordChatPortOptions {
  /** REST base, e.g. https://discord.com/api (DISCORD_API_URL); the API version is appended. */
  apiUrl: string;
  token?: string;
  buttons: ButtonCommandStore;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class DiscordChatPort implements ChatPort {
  readonly platform = 'discord' as const;
  readonly repeatSafeForMs = NONCE_TRUST_MS;
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #buttons: ButtonCommandStore;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  #botUserId: string | null = null;
  readonly #parents = new Map<string, string | null>();

  constructor(options: DiscordChatPortOptions) {
    this.#base = `${options.apiUrl.replace(/\/+$/, '')}/v${DISCORD_API_VERSION}`;
    this.#token = options.token;
    this.#buttons = options.buttons;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_DISCORD_TIMEOUT_MS;
    this.#fetch = options.fetch ?? fetch;
  }

  async post(channel: ChannelAddress, message: Message, options: PostOptions = {}): Promise<{ messageId: string }> {
    const where = this.#check(channel);
    // A thread is a channel of its own: its replies are posted into it.
    const target = options.threadId ?? channel.channel;
    const body = { ...this.#render(message), ...(options.deliveryId ? { nonce: deliveryNonce(channel.channel, options.deliveryId), enforce_nonce: true } : {}) };
    const created = await this.#request('POST', `/channels/${encodeURIComponent(target)}/messages`, body, `posting to ${where}${options.threadId ? ` (thread ${options.threadId})` : ''}`);
    const id = (created as { id?: unknown })?.id;
    const createdIn = (created as { channel_id?: unknown })?.channel_id;
    if (typeof createdIn === 'string' && createdIn !== target) {
      // Never count a message elsewhere as this delivery (a nonce Discord matched across channels).
      throw new DeliveryError({ kind: 'uncertain', reason: `Discord returned a message in channel ${createdIn}` }, `posting to ${where}: Discord answered with a message in another channel`);
    }
    if (typeof id !== 'string') {
      // Discord said yes without saying to what: the message may exist.
      throw new DeliveryError({ kind: 'uncertain', reason: 'Discord answered without a message id' }, `posting to ${where}: Discord answered without a message id`);
    }
    return { messageId: id };
  }

  async findDelivery(channel: ChannelAddress, request: DeliveryLookupRequest): Promise<DeliveryLookup> {
    const where = this.#check(channel);
    const target = request.threadId ?? channel.channel;
    const wanted = fingerprint(this.#render(request.message));
    const me = await this.#me(where);
    let after = snowflakeAt(request.since.getTime() - LOOKUP_CLOCK_SKEW_MS);
    for (let page = 0; page < LOOKUP_MAX_PAGES; page++) {
      let listed: unknown;
      try {
        listed = await this.#request('GET', `/channels/${encodeURIComponent(target)}/messages?after=${after}&limit=${LOOKUP_PAGE}`, undefined, `reading ${where}`);
      } catch (error) {
        // Without Read Message History the list is closed to us: we cannot tell.
        if (error instanceof DeliveryError && error.failure.kind === 'permanent' && /Missing Access|Missing Permissions/.test(error.failure.reason)) {
          return { found: false, complete: false, reason: `cannot read the channel's messages: ${error.failure.reason}` };
        }
        throw asReadFailure(error);
      }
      const messages = Array.isArray(listed) ? (listed as ListedMessage[]) : [];
      const hit = messages.find((m) => m.author?.id === me && fingerprint(m) === wanted);
      if (hit?.id) return { found: true, messageId: hit.id };
      if (messages.length < LOOKUP_PAGE) return { found: false, complete: true };
      after = messages.map((m) => BigInt(m.id ?? '0')).reduce((a, b) => (a > b ? a : b)).toString();
    }
    return { found: false, complete: false, reason: `more than ${LOOKUP_PAGE * LOOKUP_MAX_PAGES} messages since the attempt` };
  }

  /**
   * Starts a public thread from a message this bot posted (POST /channels/{c}/messages/{m}/threads).
   * Discord gives such a thread the message's own id and refuses a second one for the same message
   * (160004), so a retry after a lost answer finds the same thread instead of failing.
   */
  async openThread(channel: ChannelAddress, messageId: string, options: { name: string }): Promise<{ threadId: string }> {
    const where = this.#check(channel);
    const what = `opening the thread of message ${messageId} in ${where}`;
    const { response, json } = await this.#send(
      'POST',
      `/channels/${encodeURIComponent(channel.channel)}/messages/${encodeURIComponent(messageId)}/threads`,
      { name: threadName(options.name), auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      what,
    );
    if (response.ok) {
      const id = (json as { id?: unknown })?.id;
      if (typeof id === 'string') return { threadId: id };
      throw new DeliveryError({ kind: 'uncertain', reason: 'Discord answered without a thread id' }, `${what}: Discord answered without a thread id`);
    }
    if ((json as { code?: unknown })?.code === THREAD_ALREADY_CREATED) return { threadId: messageId };
    const failure = classifyDiscordFailure({ status: response.status, body: json, retryAfterHeader: response.headers.get('retry-after') });
    throw new DeliveryError(failure, `${what} failed: ${failure.kind}${'reason' in failure ? ` (${failure.reason})` : ''}`);
  }

  /**
   * The channel a thread belongs to (GET /channels/{id}), or null when the id is no thread: a message in
   * a thread names only the thread. Remembered, since a thread never moves; at most THREAD_PARENTS kept.
   */
  async threadParent(threadId: string): Promise<string | null> {
    const known = this.#parents.get(threadId);
    if (known !== undefined) return known;
    if (!this.#token) return null;
    const channel = (await this.#request('GET', `/channels/${encodeURIComponent(threadId)}`, undefined, `looking up channel ${threadId}`).catch((error: unknown) => {
      throw asReadFailure(error);
    })) as { type?: unknown; parent_id?: unknown } | undefined;
    const parent = THREAD_TYPES.has(Number(channel?.type)) && typeof channel?.parent_id === 'string' ? channel.parent_id : null;
    this.#parents.set(threadId, parent);
    if (this.#parents.size > THREAD_PARENTS) this.#parents.delete(this.#parents.keys().next().value!);
    return parent;
  }

  #check(channel: ChannelAddress): string {
    const where = formatChannelAddress(channel);
    if (channel.platform !== 'discord') throw new DeliveryError({ kind: 'permanent', reason: `${where} is not a Discord channel` });
    if (!this.#token) throw new DeliveryError({ kind: 'permanent', reason: 'DISCORD_TOKEN is not set, so the bot cannot post into channels' });
    return where;
  }

  /** A channel message is public whatever the Message says: there is no one to be ephemeral to. */
  #render(message: Message): Omit<DiscordMessagePayload, 'flags'> {
    const { flags: _ephemeral, ...body } = renderMessage(message, this.#buttons, { visibility: 'in_channel' });
    return body;
  }

  async #me(where: string): Promise<string> {
    if (this.#botUserId === null) {
      const me = await this.#request('GET', '/users/@me', undefined, `looking up the bot user for ${where}`).catch((error: unknown) => {
        throw asReadFailure(error);
      });
      this.#botUserId = String((me as { id?: unknown })?.id ?? '');
    }
    return this.#botUserId;
  }

  async #request(method: 'GET' | 'POST', path: string, body: unknown, what: string): Promise<unknown> {
    const { response, json } = await this.#send(method, path, body, what);
    if (response.ok) return json;
    const failure = classifyDiscordFailure({ status: response.status, body: json, retryAfterHeader: response.headers.get('retry-after') });
    throw new DeliveryError(failure, `${what} failed: ${failure.kind}${'reason' in failure ? ` (${failure.reason})` : ` (retry in ${failure.retryAfterMs} ms)`}`);
  }

  /** One request and its parsed answer, whatever the status; a failure to get any answer is a DeliveryError. */
  async #send(method: 'GET' | 'POST', path: string, body: unknown, what: string): Promise<{ response: Response; json: unknown }> {
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers: {
          authorization: `Bot ${this.#token}`,
          'user-agent': 'DiscordBot (https://github.com/paperclub/paperclub, 0.1)',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const failure = classifyDiscordFailure({ error });
      throw new DeliveryError(failure, `${what} failed: ${failure.kind}${'reason' in failure ? ` (${failure.reason})` : ''}`, { cause: error });
    }
    let json: unknown = undefined;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = text;
    }
    return { response, json };
  }
}
