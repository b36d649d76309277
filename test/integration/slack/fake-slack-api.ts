/**
 * A local fake of the Slack Web API (and of response_url endpoints) on 127.0.0.1, for tests, the fault
 * suite and the bench. It records every call with its decoded body and answers like Slack:
 *
 * - chat.postMessage STORES the message (text, blocks, metadata, `thread_ts`, a ts made from the arrival
 *   time) and conversations.history returns the channel's messages newest first (thread replies are not
 *   among them; a parent shows `reply_count`), bounded by `oldest`/`latest` (with `inclusive`) and
 *   `limit`, with `has_more` and a cursor; metadata only with `include_all_metadata`.
 *   conversations.replies returns a thread (parent first, then replies oldest first), `thread_not_found`
 *   for an unknown ts. Members' messages (`userMessage`) are stored the same way, for message events.
 *   History needs `channels:history` (C… channels) or `groups:history` (G… channels) among the token's
 *   scopes, else `missing_scope`; auth.test reports the scopes in `x-oauth-scopes`, as Slack does.
 * - It can fail the ways Slack fails: 429 + Retry-After (scripted, or `minGapMs` per channel like
 *   Slack's one message a second), `{ ok: false, error }`, 5xx, answering slowly AFTER storing (a post
 *   that succeeds after the client gave up), dropping the connection after storing, never answering.
 *
 * Web API calls arrive at `<url>/api/<method>` (point SLACK_API_URL / apiUrl at `<url>/api`). Bodies are
 * form-encoded with JSON-encoded objects (blocks, unfurls, metadata); both are decoded here.
 * response_url posts arrive at `<url>/response/<anything>` (JSON bodies).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFixtureServer } from '../../helpers/http-fixture-server.ts';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response_url` for response_url posts. */
  method: string;
  path: string;
  contentType: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
}

export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; json?: unknown; text?: string; store?: boolean }
  | { ok: false; error: string }
  /** Accepts the connection and never answers; nothing is stored. */
  | { hang: true }
  /** Stores the message (a post succeeds), then answers only after `ms`: the client may have given up. */
  | { slow: number }
  /** Stores the message, then closes the connection without an answer. */
  | { drop: true };

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  /** Set on a reply: the parent's ts. */
  thread_ts?: string;
  /** A member's message (userMessage); the bot's own posts have none. */
  user?: string;
  /** Date.now() when the post arrived: the moment the platform counts for its rate limit. */
  at: number;
}

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  /** The bot token's scopes (auth.test's x-oauth-scopes; checked by conversations.history). */
  scopes?: string[];
  /** Answer 429 (Retry-After: 1) to a post less than this many ms after the last one in its channel. */
  minGapMs?: number;
}

export const DEFAULT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'links:read', 'links:write', 'channels:history', 'groups:history'];

export interface FakeSlackApi {
  /** Base URL without a trailing slash; the Web API lives under `${url}/api`. */
  url: string;
  apiUrl: string;
  /** A fresh response_url on this server. */
  responseUrl(name?: string): string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Messages stored in a channel (all channels when omitted), oldest first. */
  messages(channel?: string): StoredMessage[];
  /** A thread as conversations.replies returns it: the parent, then its replies, oldest first. */
  thread(channel: string, ts: string): StoredMessage[];
  /** A member writes in a channel (or in a thread, under `threadTs`): stored as Slack would, for events. */
  userMessage(channel: string, user: string, text: string, threadTs?: string): StoredMessage;
  /** 429 answers sent because of `minGapMs`. */
  rateLimited(): number;
  /** The next call(s) to `method` get these replies, in order; later calls succeed again. */
  script(method: string, ...replies: ScriptedReply[]): void;
  /** Every later call to `method` in `channel` gets this reply until `unscriptChannel` (e.g. not_in_channel). */
  scriptChannel(method: string, channel: string, reply: ScriptedReply): void;
  unscriptChannel(method: string, channel: string): void;
  /** Resolves when at least `count` calls to `method` were recorded. */
  waitForCalls(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Resolves with the first `count` recorded calls matching `predicate`. */
  waitFor(predicate: (call: RecordedCall) => boolean, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'unfurls', 'attachments', 'metadata']);

function decodeForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (JSON_FIELDS.has(key)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the raw text: the test will see what was sent
      }
    }
    out[key] = value;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const truthy = (value: unknown) => value === true || value === 'true' || value === '1' || value === 1;

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const stored: StoredMessage[] = [];
  const scripts = new Map<string, ScriptedReply[]>();
  const channelScripts = new Map<string, ScriptedReply>();
  const lastPost = new Map<string, number>();
  const waiters = new Set<() => void>();
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  let rateLimited = 0;
  let lastTs = 0;
  let responseCounter = 0;

  /** A unique ts from the arrival time: seconds with microseconds, increasing. */
  const nextTs = (at: number): string => {
    lastTs = Math.max(lastTs + 1, at * 1000);
    return (lastTs / 1_000_000).toFixed(6);
  };

  const store = (body: Record<string, unknown>, at: number): StoredMessage => {
    const metadata = body.metadata as StoredMessage['metadata'] | undefined;
    const threadTs = typeof body.thread_ts === 'string' && body.thread_ts !== '' ? body.thread_ts : undefined;
    const message: StoredMessage = {
      channel: String(body.channel ?? ''),
      ts: nextTs(at),
      text: String(body.text ?? ''),
      blocks: body.blocks ?? null,
      metadata: metadata && typeof metadata === 'object' ? metadata : null,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      at,
    };
    stored.push(message);
    return message;
  };

  const isReply = (m: StoredMessage) => m.thread_ts !== undefined && m.thread_ts !== m.ts;
  const repliesTo = (channel: string, ts: string) => stored.filter((m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts);

  /** A stored message as the Web API shows it. */
  const shown = (m: StoredMessage, withMetadata: boolean) => {
    const replies = isReply(m) ? [] : repliesTo(m.channel, m.ts);
    return {
      type: 'message',
      ...(m.user ? { user: m.user } : { subtype: 'bot_message', bot_id: 'BBOT' }),
      ts: m.ts,
      text: m.text,
      ...(isReply(m) ? { thread_ts: m.thread_ts } : replies.length > 0 ? { thread_ts: m.ts, reply_count: replies.length, latest_reply: replies.at(-1)!.ts } : {}),
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    };
  };

  /** One page of `messages` (already filtered and ordered) by cursor and limit, as both reading methods answer. */
  const page = (body: Record<string, unknown>, messages: StoredMessage[]) => {
    const inclusive = truthy(body.inclusive);
    const oldest = body.oldest === undefined ? -Infinity : Number(body.oldest);
    const latest = body.latest === undefined ? Infinity : Number(body.latest);
    const limit = Math.min(999, Math.max(1, Number(body.limit ?? 100)));
    const offset = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64').toString('utf8')) : 0;
    const inWindow = messages.filter((m) => {
      const ts = Number(m.ts);
      return (inclusive ? ts >= oldest : ts > oldest) && (inclusive ? ts <= latest : ts < latest);
    });
    const hasMore = inWindow.length > offset + limit;
    return {
      ok: true,
      messages: inWindow.slice(offset, offset + limit).map((m) => shown(m, truthy(body.include_all_metadata))),
      has_more: hasMore,
      ...(hasMore ? { response_metadata: { next_cursor: Buffer.from(String(offset + limit)).toString('base64') } } : {}),
    };
  };

  const historyScope = (channel: string) => {
    const needed = channel.startsWith('G') ? 'groups:history' : 'channels:history';
    return scopes.includes(needed) ? null : { ok: false, error: 'missing_scope', needed, provided: scopes.join(',') };
  };

  /** conversations.history: the channel's own messages, newest first; thread replies are not among them. */
  const history = (body: Record<string, unknown>): unknown => {
    const channel = String(body.channel ?? '');
    return (
      historyScope(channel) ??
      page(
        body,
        stored.filter((m) => m.channel === channel && !isReply(m)).reverse(),
      )
    );
  };

  /** conversations.replies: the parent first, then its replies oldest first (the same scopes as history). */
  const replies = (body: Record<string, unknown>): unknown => {
    const channel = String(body.channel ?? '');
    const refused = historyScope(channel);
    if (refused) return refused;
    const ts = String(body.ts ?? '');
    const parent = stored.find((m) => m.channel === channel && m.ts === ts);
    if (!parent) return { ok: false, error: 'thread_not_found' };
    const root = isReply(parent) ? stored.find((m) => m.channel === channel && m.ts === parent.thread_ts) ?? parent : parent;
    return page(body, [root, ...repliesTo(channel, root.ts)]);
  };

  const defaultReply = (method: string, body: Record<string, unknown>, at: number): unknown => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'paperclub', team_id: options.teamId ?? 'T111', user_id: options.botUserId ?? 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        const message = store(body, at);
        return { ok: true, channel: body.channel, ts: message.ts, message: { text: body.text } };
      }
      case 'conversations.history':
        return history(body);
      case 'conversations.replies':
        return replies(body);
      case 'response_url':
        return { ok: true };
      default:
        return { ok: true };
    }
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const raw = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : path.startsWith('/response/') ? 'response_url' : path;
    let body: Record<string, unknown>;
    if (contentType.includes('application/json')) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = { _raw: raw };
      }
    } else {
      body = decodeForm(raw);
    }
    calls.push({ method, path, contentType, authorization: req.headers.authorization, body, at });
    for (const wake of [...waiters]) wake();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (method === 'auth.test') headers['x-oauth-scopes'] = scopes.join(',');

    const scripted = channelScripts.get(`${method} ${String(body.channel ?? '')}`) ?? scripts.get(method)?.shift();
    if (scripted && 'hang' in scripted) return; // never answer
    if (scripted && 'status' in scripted) {
      if (scripted.store && method === 'chat.postMessage') store(body, at);
      res.writeHead(scripted.status, { 'content-type': scripted.json === undefined ? 'text/plain' : 'application/json', ...scripted.headers });
      res.end(scripted.json === undefined ? (scripted.text ?? '') : JSON.stringify(scripted.json));
      return;
    }
    if (scripted && 'ok' in scripted) {
      res.writeHead(200, headers).end(JSON.stringify(scripted));
      return;
    }
    if (method === 'chat.postMessage' && options.minGapMs !== undefined) {
      const channel = String(body.channel ?? '');
      const previous = lastPost.get(channel);
      if (previous !== undefined && at - previous < options.minGapMs) {
        rateLimited += 1;
        res.writeHead(429, { ...headers, 'retry-after': '1' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      lastPost.set(channel, at);
    }
    const reply = defaultReply(method, body, at);
    if (scripted && 'drop' in scripted) {
      req.socket.destroy();
      return;
    }
    if (scripted && 'slow' in scripted) await new Promise((resolve) => setTimeout(resolve, scripted.slow));
    if (res.destroyed) return;
    res.writeHead(200, headers).end(JSON.stringify(reply));
  };

  const server = await startFixtureServer(handler);

  const api: FakeSlackApi = {
    url: server.url,
    apiUrl: `${server.url}/api`,
    responseUrl: (name) => `${server.url}/response/${name ?? `r${++responseCounter}`}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    messages: (channel) => stored.filter((m) => channel === undefined || m.channel === channel),
    thread: (channel, ts) => stored.filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts)),
    userMessage(channel, user, text, threadTs) {
      const message: StoredMessage = { channel, ts: nextTs(Date.now()), text, blocks: null, metadata: null, user, ...(threadTs ? { thread_ts: threadTs } : {}), at: Date.now() };
      stored.push(message);
      return message;
    },
    rateLimited: () => rateLimited,
    script(method, ...replies) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...replies]);
    },
    scriptChannel(method, channel, reply) {
      channelScripts.set(`${method} ${channel}`, reply);
    },
    unscriptChannel(method, channel) {
      channelScripts.delete(`${method} ${channel}`);
    },
    waitForCalls(method, count = 1, timeoutMs = 10_000) {
      return api.waitFor((c) => c.method === method, count, timeoutMs);
    },
    waitFor(predicate, count = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.filter(predicate);
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found.slice(0, count));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} matching call(s), got ${calls.filter(predicate).length}; calls: ${calls.map((c) => c.path).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    reset() {
      calls.length = 0;
      stored.length = 0;
      scripts.clear();
      channelScripts.clear();
      lastPost.clear();
      rateLimited = 0;
    },
    close: () => server.close(),
  };
  return api;
}
