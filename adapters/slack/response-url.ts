/**
 * Posts an answer to its `response_url` (what Bolt's respond() does), with node's HTTP client over
 * keep-alive connections.
 *
 * Why not Bolt's respond(): it posts once with fetch and gives up on the first error. A server closes
 * a keep-alive connection after a few idle seconds; when our event loop is busy (a burst) the client
 * notices late, sends the next answer on the closed connection and gets "other side closed": the
 * answer is lost. Node's documented remedy (http.ClientRequest.reusedSocket): a request that failed
 * on a REUSED connection with a reset before any response was never read by the server, so it is sent
 * again, once, on a new connection. Any other failure is not retried, because the post may have
 * arrived and a second one would show the answer twice.
 *
 * Connections per host are capped, so a burst of answers queues here instead of opening hundreds of
 * connections to Slack at once.
 */
import http from 'node:http';
import https from 'node:https';

export interface ResponseUrlOptions {
  /** Per attempt: connect, send and read the answer. */
  timeoutMs?: number;
  /** Open connections per host; further posts wait for one. */
  maxSockets?: number;
}

export class ResponseUrlError extends Error {
  constructor(
    message: string,
    readonly context: { status?: number; body?: string; code?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ResponseUrlError';
  }
}

/** What one attempt learned: an answer, or a failure and whether it may be sent again. */
type Attempt = { status: number; body: string } | { error: Error; staleConnection: boolean };

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);
/** Slack answers with a short word (`ok`, `expired_url`, `used_url`, `invalid_payload`); keep a little. */
const MAX_ERROR_BODY = 200;

export class ResponseUrlPoster {
  readonly #timeoutMs: number;
  readonly #agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(options: ResponseUrlOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    const maxSockets = options.maxSockets ?? 32;
    this.#agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets }), 'https:': new https.Agent({ keepAlive: true, maxSockets }) };
  }

  /** Resolves once Slack accepted the answer (2xx); rejects with ResponseUrlError otherwise. */
  async post(responseUrl: string, payload: unknown): Promise<void> {
    const url = new URL(responseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ResponseUrlError(`response_url is not an http(s) URL: ${url.protocol}`, {});
    const body = JSON.stringify(payload);
    let attempt = await this.#attempt(url, body, this.#agents[url.protocol]);
    // A fresh connection (no pooling) cannot be stale, so this retry happens at most once.
    if ('error' in attempt && attempt.staleConnection) attempt = await this.#attempt(url, body, false);
    if ('error' in attempt) {
      const code = (attempt.error as NodeJS.ErrnoException).code;
      throw new ResponseUrlError(`posting to response_url failed: ${attempt.error.message}`, code ? { code } : {}, { cause: attempt.error });
    }
    if (attempt.status < 200 || attempt.status >= 300) {
      throw new ResponseUrlError(`response_url answered HTTP ${attempt.status}`, { status: attempt.status, body: attempt.body.slice(0, MAX_ERROR_BODY) });
    }
  }

  /** Closes the idle connections. */
  close(): void {
    this.#agents['http:'].destroy();
    this.#agents['https:'].destroy();
  }

  #attempt(url: URL, body: string, agent: http.Agent | false): Promise<Attempt> {
    return new Promise((resolve) => {
      let answered = false;
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(
        url,
        { method: 'POST', agent, timeout: this.#timeoutMs, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.once('error', (error) => resolve({ error, staleConnection: false }));
        },
      );
      req.once('timeout', () => req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)));
      req.once('error', (error: NodeJS.ErrnoException) => {
        resolve({ error, staleConnection: req.reusedSocket && !answered && RESET_CODES.has(error.code ?? '') });
      });
      req.end(body);
    });
  }
}
