/**
 * A local fake of the Slack Web API (and of response_url endpoints) on 127.0.0.1, for tests and the
 * bench. It records every call with its decoded body and answers like Slack: `{ ok: true, … }`, or a
 * scripted failure (429 + Retry-After, 5xx, `{ ok: false, error }`).
 *
 * - Web API calls arrive at `<url>/api/<method>` (point SLACK_API_URL / apiUrl at `<url>/api`).
 *   Bodies are form-encoded with JSON-encoded objects (blocks, unfurls); both are decoded here.
 * - response_url posts arrive at `<url>/response/<anything>` (JSON bodies).
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
}

export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; json?: unknown; text?: string }
  | { ok: false; error: string }
  /** Accepts the connection and never answers (for timeouts). */
  | { hang: true };

export interface FakeSlackApi {
  /** Base URL without a trailing slash; the Web API lives under `${url}/api`. */
  url: string;
  apiUrl: string;
  /** A fresh response_url on this server. */
  responseUrl(name?: string): string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** The next call(s) to `method` get these replies, in order; later calls succeed again. */
  script(method: string, ...replies: ScriptedReply[]): void;
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

export async function startFakeSlackApi(options: { teamId?: string; botUserId?: string } = {}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const scripts = new Map<string, ScriptedReply[]>();
  const waiters = new Set<() => void>();
  let ts = 1_700_000_000;
  let responseCounter = 0;

  const defaultReply = (method: string, body: Record<string, unknown>): unknown => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'paperclub', team_id: options.teamId ?? 'T111', user_id: options.botUserId ?? 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage':
        ts += 1;
        return { ok: true, channel: body.channel, ts: `${ts}.000100`, message: { text: body.text } };
      case 'response_url':
        return { ok: true };
      default:
        return { ok: true };
    }
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
    calls.push({ method, path, contentType, authorization: req.headers.authorization, body });
    for (const wake of [...waiters]) wake();

    const scripted = scripts.get(method)?.shift();
    if (scripted && 'hang' in scripted) return; // never answer
    if (scripted && 'status' in scripted) {
      res.writeHead(scripted.status, { 'content-type': scripted.json === undefined ? 'text/plain' : 'application/json', ...scripted.headers });
      res.end(scripted.json === undefined ? (scripted.text ?? '') : JSON.stringify(scripted.json));
      return;
    }
    const reply = scripted ?? defaultReply(method, body);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  };

  const server = await startFixtureServer(handler);

  const api: FakeSlackApi = {
    url: server.url,
    apiUrl: `${server.url}/api`,
    responseUrl: (name) => `${server.url}/response/${name ?? `r${++responseCounter}`}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    script(method, ...replies) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...replies]);
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
      scripts.clear();
    },
    close: () => server.close(),
  };
  return api;
}
