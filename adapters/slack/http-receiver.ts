/**
 * HTTP mode's Bolt receiver (Bolt's documented extension point: `init(app)`, `start`, `stop`), serving
 * `/slack/events` on paperclub's shared HTTP server.
 *
 * A request is acknowledged on arrival: request-check.ts refuses bad signatures, timestamps outside
 * ±5 minutes and replays (401) and bodies paperclub does not handle (400); every request that passes
 * is a slash command, a button click or an event whose ack is an empty 200, so that 200 is written at
 * once, before Bolt sees the request. Bolt's dispatch (`app.processEvent`: authorize, middleware, the
 * listener) then runs on a later turn of the event loop (TurnQueue), so a burst of requests is
 * acknowledged first and worked on after: no request waits for the work of those before it to get
 * its ack. The listeners' `ack()` is then a no-op. `url_verification` and `ssl_check` are answered
 * here too, with Bolt's own response builders.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions } from '@slack/bolt';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { HttpRoute } from '../types.ts';
import type { Logger } from '../../src/log.ts';
import type { Clock, Metrics, ReplayGuard } from '../../src/ports.ts';
import type { TurnQueue } from '../turn-queue.ts';
import { checkSlackRequest, type SlackRequestRules } from './request-check.ts';

/** The largest request body accepted on /slack/events (Slack's payloads are far smaller). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  replay: ReplayGuard;
  clock: Clock;
  /** What paperclub handles; anything else is refused or acknowledged and ignored by request-check. */
  handles: Pick<SlackRequestRules, 'command' | 'actionIds' | 'events'>;
  /** Where Bolt's dispatch of an acknowledged request waits for its turn. */
  turns: TurnQueue;
  /** Keeps dispatched work visible to the adapter's stop(), which waits for it. */
  track: (work: Promise<unknown>) => void;
  log: Logger;
  metrics?: Metrics;
}

/** The whole body, or null once it passes `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export class SlackHttpReceiver implements Receiver {
  readonly #options: SlackHttpReceiverOptions;
  #app: App | undefined;
  #stopping = false;

  constructor(options: SlackHttpReceiverOptions) {
    this.#options = options;
  }

  init(app: App): void {
    this.#app = app;
  }

  /** Nothing to start: the shared HTTP server (bin/http-server.ts) listens and calls `route`. */
  async start(): Promise<void> {}

  /** From now on requests get 503, so Slack retries them on another process. */
  async stop(): Promise<void> {
    this.#stopping = true;
  }

  readonly route: HttpRoute = async (req: IncomingMessage, res: ServerResponse) => {
    const { log } = this.#options;
    const arrivedAt = performance.now();
    if (this.#stopping) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('shutting down');
      return;
    }
    if ((req.method ?? 'GET').toUpperCase() !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST only');
      return;
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (raw === null) {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('request body too large');
      req.destroy();
      return;
    }
    const verdict = await checkSlackRequest(req.headers, raw, {
      ...this.#options.handles,
      signingSecret: this.#options.signingSecret,
      now: () => this.#options.clock.now().getTime(),
      replay: this.#options.replay,
    });
    if (!verdict.pass) {
      if (verdict.status === 401) log.warn({ reason: verdict.reason }, 'refused a Slack request');
      else log.info({ reason: verdict.reason, status: verdict.status }, 'answered a Slack request paperclub does not handle');
      res.writeHead(verdict.status, { 'content-type': 'text/plain' }).end(verdict.status === 200 ? '' : verdict.reason);
      return;
    }
    if (verdict.kind === 'ssl_check') {
      HTTPModuleFunctions.buildSSLCheckResponse(res);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(Object.assign(req, { rawBody: raw })) as Record<string, unknown>;
    } catch (error) {
      log.warn({ err: error }, 'malformed Slack request body');
      res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed body');
      return;
    }
    if (verdict.kind === 'url_verification') {
      HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
      return;
    }

    // Slack's ack: an empty 200, now, whatever the work costs.
    res.once('finish', () => this.#options.metrics?.acknowledged({ platform: 'slack', transport: 'http', seconds: (performance.now() - arrivedAt) / 1000 }));
    HTTPModuleFunctions.buildContentResponse(res, undefined);

    const app = this.#app;
    if (!app) {
      log.error({ kind: verdict.kind }, 'the Slack receiver got a request before Bolt initialised it; dropped after the ack');
      return;
    }
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (response !== undefined) log.warn({ kind: verdict.kind }, 'a listener gave ack() a body, but the request was acknowledged on arrival; use respond()');
      },
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    this.#options.track(
      this.#options.turns.run(() => app.processEvent(event)).catch((error: unknown) => {
        log.error({ err: error, kind: verdict.kind }, 'Bolt could not process an acknowledged Slack request');
      }),
    );
  };
}
