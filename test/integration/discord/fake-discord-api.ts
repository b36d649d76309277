/**
 * A local fake of the Discord REST API (node:http on 127.0.0.1, random port), for
 * `new REST({ api: fake.url })`. It records every call (method, route without the /v10 prefix, JSON
 * body, auth header) and answers like Discord: 204 for interaction callbacks, a message object for
 * webhook edits, follow-ups and channel posts, the stored commands for a bulk overwrite. Tests queue
 * failures (429 with retry_after + Retry-After, 5xx, 403 Missing Access, 404 Unknown Channel) per route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';

export interface ApiCall {
  method: string;
  /** e.g. `/interactions/123/tok/callback`, without the `/v10` version prefix. */
  route: string;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeDiscordApi {
  /** Pass to `new REST({ api })`. */
  url: string;
  calls: ApiCall[];
  /** Calls whose route matches; optional method filter. */
  callsTo(route: RegExp, method?: string): ApiCall[];
  /** The next `times` calls matching `route` get this answer instead of the normal one. */
  fail(route: RegExp, failure: FakeFailure, times?: number): void;
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
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function startFakeDiscordApi(): Promise<FakeDiscordApi> {
  const calls: ApiCall[] = [];
  const failures: Array<{ route: RegExp; failure: FakeFailure; left: number }> = [];
  const waiters: Array<{ route: RegExp; count: number; resolve: (calls: ApiCall[]) => void }> = [];
  let nextId = 1_300_000_000_000_000_000n;
  const snowflake = () => String(nextId++);

  const notify = () => {
    for (const waiter of [...waiters]) {
      const matched = calls.filter((c) => waiter.route.test(c.route));
      if (matched.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(matched);
      }
    }
  };

  const server: FixtureServer = await startFixtureServer(async (req, res) => {
    const route = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/v\d+/, '');
    const method = req.method ?? 'GET';
    const body = await readJson(req);
    const call: ApiCall = { method, route, body, authorization: req.headers.authorization };
    calls.push(call);

    const failure = failures.find((f) => f.left > 0 && f.route.test(route));
    if (failure) {
      failure.left -= 1;
      json(res, failure.failure.status, failure.failure.body ?? { message: 'fake failure', code: 0 }, failure.failure.headers);
      notify();
      return;
    }
    const message = (extra: Record<string, unknown> = {}) => ({ id: snowflake(), type: 0, ...(body as object), ...extra });
    let m: RegExpExecArray | null;
    if (method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(route)) json(res, 204, undefined);
    else if (method === 'PATCH' && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(route)) json(res, 200, message());
    else if (method === 'POST' && /^\/webhooks\/[^/]+\/[^/]+$/.test(route)) json(res, 200, message());
    else if (method === 'DELETE' && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(route)) json(res, 204, undefined);
    else if (method === 'POST' && (m = /^\/channels\/([^/]+)\/messages$/.exec(route))) json(res, 200, message({ channel_id: m[1] }));
    else if (method === 'PUT' && (m = /^\/applications\/([^/]+)(?:\/guilds\/([^/]+))?\/commands$/.exec(route))) {
      const commands = Array.isArray(body) ? body : [];
      json(
        res,
        200,
        commands.map((c: object) => ({ id: snowflake(), application_id: m![1], ...(m![2] ? { guild_id: m![2] } : {}), version: snowflake(), ...c })),
      );
    } else json(res, 404, { message: '404: Not Found', code: 0 });
    notify();
  });

  return {
    url: server.url,
    calls,
    callsTo: (route, method) => calls.filter((c) => route.test(c.route) && (method === undefined || c.method === method)),
    fail: (route, failure, times = 1) => {
      failures.push({ route, failure, left: times });
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
