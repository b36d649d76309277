/**
 * A local fake of the Discord REST API (node:http on 127.0.0.1, random port), for `new REST({ api })`
 * and the delivery port. It records every call (method, route without the /v10 prefix, JSON body, auth
 * header) and answers like Discord: 204 for interaction callbacks, a message object for webhook edits,
 * follow-ups and channel posts, the stored commands for a bulk overwrite, the bot user for /users/@me.
 *
 * Channel messages behave like Discord's:
 * - POST /channels/{id}/messages STORES the message (snowflake id from the arrival time, author = the
 *   bot). With `nonce` and `enforce_nonce: true`, a second create with the same nonce from the same
 *   author within `nonceWindowMs` returns the first message and creates nothing. The nonce is echoed
 *   in the create answer only: like Discord, it is not stored with the message.
 * - GET /channels/{id}/messages?after=<snowflake>&limit=N lists stored messages newest first.
 * - POST /channels/{id}/messages/{message}/threads starts a thread from a stored message: the thread is
 *   a channel whose id is the message's; a second start answers 400 with code 160004, an unknown message
 *   404 (10008), a bad name or archive duration 400 (50035). GET /channels/{id} returns the thread
 *   (type 11, parent_id) or a channel messages were posted in; posting into a thread is a channel post.
 * - `userMessage` stores a member's message and returns its MESSAGE_CREATE dispatch, with the content
 *   blanked unless the bot is mentioned or the Message Content intent is on, as Discord sends it.
 *   `readHistory: false` answers 403 Missing Access (no Read Message History permission).
 * - Failures: queued per route (`fail`: 429 with retry_after + Retry-After, 5xx, 403 Missing Access,
 *   404 Unknown Channel); `minGapMs` answers 429 to a post less than that after the last one in its
 *   channel; `behave` makes the next posts answer slowly after storing, drop the connection after
 *   storing, or never answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';

export interface ApiCall {
  method: string;
  /** e.g. `/interactions/123/tok/callback`, without the `/v10` version prefix (nor the query). */
  route: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
  /** Date.now() on arrival. */
  at: number;
}

export interface FakeFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How the next channel posts behave (after storing, except `hang`). */
export type PostBehaviour = { slow: number } | { drop: true } | { hang: true } | { status: number; body?: unknown };

export interface StoredDiscordMessage {
  id: string;
  channel_id: string;
  author: { id: string; username: string; bot?: true; global_name?: string };
  /** Users the message mentions (`<@id>` in its content). */
  mentions?: Array<{ id: string; username: string }>;
  content: string;
  embeds: unknown[];
  components: unknown[];
  timestamp: string;
  /** Date.now() on arrival: the moment the platform counts for its rate limit. */
  at: number;
}

/** A thread started from a message: a channel of its own, whose id is the message's (as Discord does). */
export interface StoredThread {
  id: string;
  type: 11;
  guild_id: string;
  parent_id: string;
  name: string;
  owner_id: string;
  thread_metadata: { archived: boolean; auto_archive_duration: number; archive_timestamp: string; locked: boolean };
}

export interface FakeDiscordOptions {
  /** The guild every channel of this fake belongs to. */
  guildId?: string;
  /** How long an enforced nonce is remembered (Discord: "the past few minutes"). */
  nonceWindowMs?: number;
  /** 429 (retry_after 1) for a post less than this many ms after the last one in its channel. */
  minGapMs?: number;
  /** false: listing a channel's messages answers 403 Missing Access. */
  readHistory?: boolean;
}

export interface FakeDiscordApi {
  /** Pass to `new REST({ api })`. */
  url: string;
  calls: ApiCall[];
  botUserId: string;
  /** Calls whose route matches; optional method filter. */
  callsTo(route: RegExp, method?: string): ApiCall[];
  /** Stored channel messages (all channels when omitted), oldest first. */
  messages(channelId?: string): StoredDiscordMessage[];
  /** Threads started from messages, by thread id. */
  threads(): StoredThread[];
  /**
   * A member writes in a channel or thread: the message is stored, and the MESSAGE_CREATE dispatch the
   * gateway would deliver is returned. Without the Message Content intent Discord sends a message's
   * content, embeds and attachments empty unless it mentions the bot (or is a DM, or the bot's own).
   */
  userMessage(channelId: string, author: { id: string; username: string; global_name?: string }, content: string, options?: { messageContent?: boolean }): Record<string, unknown>;
  rateLimited(): number;
  /** The next `times` calls matching `route` get this answer instead of the normal one. */
  fail(route: RegExp, failure: FakeFailure, times?: number): void;
  /** Forgets every queued failure (for routes matching `route`, or all). */
  clearFailures(route?: RegExp): void;
  /** The next channel posts behave like this, in order. */
  behave(...behaviours: PostBehaviour[]): void;
  /** Resolves once `count` calls match `route` (or rejects after `ms` so a hang is reported). */
  waitFor(route: RegExp, count?: number, ms?: number): Promise<ApiCall[]>;
  close(): Promise<void>;
}

export const MISSING_ACCESS: FakeFailure = { status: 403, body: { message: 'Missing Access', code: 50001 } };
export const UNKNOWN_CHANNEL: FakeFailure = { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
export function rateLimited(retryAfterSeconds: number): FakeFailure {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
    headers: {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(retryAfterSeconds),
      'x-ratelimit-bucket': 'fakebucket',
      'x-ratelimit-scope': 'user',
    },
  };
}

const DISCORD_EPOCH = 1_420_070_400_000n;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function startFakeDiscordApi(options: FakeDiscordOptions = {}): Promise<FakeDiscordApi> {
  const calls: ApiCall[] = [];
  const stored: StoredDiscordMessage[] = [];
  const threads = new Map<string, StoredThread>();
  const guildId = options.guildId ?? '1000000000000000001';
  const failures: Array<{ route: RegExp; failure: FakeFailure; left: number }> = [];
  const behaviours: PostBehaviour[] = [];
  const nonces = new Map<string, { message: StoredDiscordMessage; at: number }>();
  const lastPost = new Map<string, number>();
  const waiters: Array<{ route: RegExp; count: number; resolve: (calls: ApiCall[]) => void }> = [];
  const botUserId = '1100000000000000001';
  const nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
  let limited = 0;
  let increment = 0n;
  let nextId = 1_300_000_000_000_000_000n;
  const snowflake = () => String(nextId++);
  const messageSnowflake = (at: number) => String(((BigInt(at) - DISCORD_EPOCH) << 22n) | (increment++ & 0x3fffffn));

  const notify = () => {
    for (const waiter of [...waiters]) {
      const matched = calls.filter((c) => waiter.route.test(c.route));
      if (matched.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(matched);
      }
    }
  };

  const postMessage = async (req: IncomingMessage, res: ServerResponse, channelId: string, body: Record<string, unknown>, at: number) => {
    const behaviour = behaviours.shift();
    if (behaviour && 'hang' in behaviour) return;
    if (options.minGapMs !== undefined) {
      const previous = lastPost.get(channelId);
      if (previous !== undefined && at - previous < options.minGapMs) {
        limited += 1;
        json(res, 429, { message: 'You are being rate limited.', retry_after: 1, global: false }, { 'retry-after': '1' });
        return;
      }
    }
    const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : null;
    const enforced = nonce !== null && body.enforce_nonce === true;
    const remembered = enforced ? nonces.get(`${botUserId} ${nonce}`) : undefined;
    let message: StoredDiscordMessage;
    if (remembered && at - remembered.at <= nonceWindowMs) {
      message = remembered.message;
    } else {
      lastPost.set(channelId, at);
      message = {
        id: messageSnowflake(at),
        channel_id: channelId,
        author: { id: botUserId, username: 'paperclub', bot: true },
        content: typeof body.content === 'string' ? body.content : '',
        embeds: Array.isArray(body.embeds) ? body.embeds.map((e: object) => ({ type: 'rich', ...e })) : [],
        components: Array.isArray(body.components) ? body.components : [],
        timestamp: new Date(at).toISOString(),
        at,
      };
      stored.push(message);
      if (enforced) nonces.set(`${botUserId} ${nonce}`, { message, at });
    }
    if (behaviour && 'drop' in behaviour) {
      req.socket.destroy();
      return;
    }
    if (behaviour && 'status' in behaviour) {
      json(res, behaviour.status, behaviour.body ?? { message: 'fake failure', code: 0 });
      return;
    }
    if (behaviour && 'slow' in behaviour) await new Promise((resolve) => setTimeout(resolve, behaviour.slow));
    const { at: _arrival, ...visible } = message;
    json(res, 200, { ...visible, type: 0, ...(nonce !== null ? { nonce } : {}) });
  };

  const VALID_ARCHIVE = new Set([60, 1440, 4320, 10080]);
  const startThread = (res: ServerResponse, channelId: string, messageId: string, body: Record<string, unknown>) => {
    const message = stored.find((m) => m.id === messageId && m.channel_id === channelId);
    if (!message) return json(res, 404, { message: 'Unknown Message', code: 10008 });
    if (threads.has(messageId)) return json(res, 400, { message: 'A thread has already been created for this message', code: 160004 });
    const name = typeof body.name === 'string' ? body.name : '';
    const archive = body.auto_archive_duration === undefined ? 4320 : Number(body.auto_archive_duration);
    if (name.length < 1 || name.length > 100 || !VALID_ARCHIVE.has(archive)) {
      return json(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { name: name.length < 1 || name.length > 100 ? { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } : undefined } });
    }
    const thread: StoredThread = {
      id: messageId,
      type: 11,
      guild_id: guildId,
      parent_id: channelId,
      name,
      owner_id: botUserId,
      thread_metadata: { archived: false, auto_archive_duration: archive, archive_timestamp: new Date().toISOString(), locked: false },
    };
    threads.set(messageId, thread);
    json(res, 201, { ...thread, message_count: 0, member_count: 1 });
  };

  const getChannel = (res: ServerResponse, channelId: string) => {
    const thread = threads.get(channelId);
    if (thread) return json(res, 200, thread);
    if (stored.some((m) => m.channel_id === channelId)) return json(res, 200, { id: channelId, type: 0, guild_id: guildId, name: 'general' });
    json(res, 404, { message: 'Unknown Channel', code: 10003 });
  };

  const listMessages = (res: ServerResponse, channelId: string, query: URLSearchParams) => {
    if (options.readHistory === false) {
      json(res, 403, { message: 'Missing Access', code: 50001 });
      return;
    }
    const after = BigInt(query.get('after') ?? '0');
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
    const listed = stored
      .filter((m) => m.channel_id === channelId && BigInt(m.id) > after)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
      .slice(0, limit)
      .reverse()
      .map(({ at: _arrival, ...m }) => ({ ...m, type: 0 }));
    json(res, 200, listed);
  };

  const server: FixtureServer = await startFixtureServer(async (req, res) => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://x');
    const route = decodeURIComponent(url.pathname).replace(/^\/v\d+/, '');
    const method = req.method ?? 'GET';
    const body = await readJson(req);
    const call: ApiCall = { method, route, query: url.searchParams, body, authorization: req.headers.authorization, at };
    calls.push(call);
    notify();

    try {
      const failure = failures.find((f) => f.left > 0 && f.route.test(route));
      if (failure) {
        failure.left -= 1;
        if (failure.failure.status === 429) limited += 1;
        json(res, failure.failure.status, failure.failure.body ?? { message: 'fake failure', code: 0 }, failure.failure.headers);
        return;
      }
      const message = (extra: Record<string, unknown> = {}) => ({ id: snowflake(), type: 0, ...(body as object), ...extra });
      let m: RegExpExecArray | null;
      if (method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(route)) json(res, 204, undefined);
      else if (method === 'PATCH' && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(route)) json(res, 200, message());
      else if (method === 'POST' && /^\/webhooks\/[^/]+\/[^/]+$/.test(route)) json(res, 200, message());
      else if (method === 'DELETE' && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(route)) json(res, 204, undefined);
      else if (method === 'POST' && (m = /^\/channels\/([^/]+)\/messages$/.exec(route))) await postMessage(req, res, m[1]!, (body ?? {}) as Record<string, unknown>, at);
      else if (method === 'GET' && (m = /^\/channels\/([^/]+)\/messages$/.exec(route))) listMessages(res, m[1]!, url.searchParams);
      else if (method === 'POST' && (m = /^\/channels\/([^/]+)\/messages\/([^/]+)\/threads$/.exec(route))) startThread(res, m[1]!, m[2]!, (body ?? {}) as Record<string, unknown>);
      else if (method === 'GET' && (m = /^\/channels\/([^/]+)$/.exec(route))) getChannel(res, m[1]!);
      else if (method === 'GET' && route === '/users/@me') json(res, 200, { id: botUserId, username: 'paperclub', bot: true, discriminator: '0' });
      else if (method === 'PUT' && (m = /^\/applications\/([^/]+)(?:\/guilds\/([^/]+))?\/commands$/.exec(route))) {
        const commands = Array.isArray(body) ? body : [];
        json(
          res,
          200,
          commands.map((c: object) => ({ id: snowflake(), application_id: m![1], ...(m![2] ? { guild_id: m![2] } : {}), version: snowflake(), ...c })),
        );
      } else json(res, 404, { message: '404: Not Found', code: 0 });
    } finally {
      notify();
    }
  });

  return {
    url: server.url,
    calls,
    botUserId,
    callsTo: (route, method) => calls.filter((c) => route.test(c.route) && (method === undefined || c.method === method)),
    messages: (channelId) => stored.filter((m) => channelId === undefined || m.channel_id === channelId),
    threads: () => [...threads.values()],
    userMessage(channelId, author, content, messageOptions = {}) {
      const at = Date.now();
      const mentions = [...content.matchAll(/<@!?(\d+)>/g)].map((mm) => ({ id: mm[1]!, username: mm[1] === botUserId ? 'paperclub' : `user${mm[1]}` }));
      const message: StoredDiscordMessage = { id: messageSnowflake(at), channel_id: channelId, author, mentions, content, embeds: [], components: [], timestamp: new Date(at).toISOString(), at };
      stored.push(message);
      const readable = messageOptions.messageContent === true || mentions.some((u) => u.id === botUserId);
      const { at: _arrival, ...visible } = message;
      return {
        ...visible,
        type: 0,
        guild_id: guildId,
        member: { nick: null, roles: [] },
        content: readable ? content : '',
        embeds: [],
        attachments: [],
        mention_everyone: false,
        mention_roles: [],
        tts: false,
        pinned: false,
      };
    },
    rateLimited: () => limited,
    fail: (route, failure, times = 1) => {
      failures.push({ route, failure, left: times });
    },
    clearFailures: (route) => {
      for (const f of failures) if (!route || String(f.route) === String(route)) f.left = 0;
    },
    behave: (...next) => {
      behaviours.push(...next);
    },
    waitFor: (route, count = 1, ms = 10_000) =>
      new Promise<ApiCall[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake Discord API: waited for ${count} call(s) to ${route}, got ${calls.filter((c) => route.test(c.route)).length}: ${calls.map((c) => `${c.method} ${c.route}`).join(', ')}`)), ms);
        waiters.push({
          route,
          count,
          resolve: (found) => {
            clearTimeout(timer);
            resolve(found);
          },
        });
        notify();
      }),
    close: () => server.close(),
  };
}
