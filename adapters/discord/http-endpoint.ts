/**
 * The HTTP interactions endpoint (`/discord/interactions`), for deployments without a gateway
 * connection. Discord POSTs each interaction signed with the application's Ed25519 key; an unsigned or
 * badly signed request gets 401 and touches nothing else (Discord's own endpoint check sends such
 * requests on purpose). A timestamp more than 5 minutes off either way, or a signed request seen
 * before by any process of the deployment (ReplayGuard: Redis SET NX with expiry), gets 401 too. A body
 * that is not an interaction gets 400 at once. The initial response goes back in the HTTP response
 * body; deferred work continues afterwards through the interaction webhook.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { APIInteraction } from 'discord.js';
import type { HttpRoute } from '../types.ts';
import type { Logger } from '../../src/log.ts';
import type { Clock, Metrics, ReplayGuard } from '../../src/ports.ts';
import type { InteractionHandler } from './interactions.ts';
import { verifyDiscordSignature } from './signature.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Signed requests older (or newer) than this are refused, so a captured request cannot be replayed. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A seen signature is remembered this long: past it, the timestamp check refuses the request anyway. */
export const REPLAY_TTL_MS = 2 * MAX_CLOCK_SKEW_MS;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge(`request body over ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function createInteractionsRoute(options: {
  handler: InteractionHandler;
  publicKey: KeyObject;
  log: Logger;
  clock: Clock;
  replay: ReplayGuard;
  /** Keeps deferred work visible to stop(), which waits for it. */
  track: (work: Promise<void>) => void;
  metrics?: Metrics;
}): HttpRoute {
  const { handler, publicKey, clock, track, replay } = options;
  const log = options.log.child({ platform: 'discord', transport: 'http' });
  return async (req, res) => {
    const arrivedAt = performance.now();
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, { error: 'method not allowed' });
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        send(res, 413, { error: 'request body too large' });
        req.destroy();
        return;
      }
      throw error;
    }
    const timestamp = header(req, 'x-signature-timestamp');
    const check = verifyDiscordSignature(publicKey, { signature: header(req, 'x-signature-ed25519'), timestamp }, raw);
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'rejected an interaction request with an invalid signature');
      send(res, 401, { error: 'invalid request signature' });
      return;
    }
    const sentAt = Number(timestamp) * 1000;
    if (!Number.isFinite(sentAt) || Math.abs(clock.now().getTime() - sentAt) > MAX_CLOCK_SKEW_MS) {
      log.warn({ timestamp }, 'rejected a signed interaction request with a stale timestamp');
      send(res, 401, { error: 'stale request timestamp' });
      return;
    }
    if (!(await replay.firstSeen(`discord:${header(req, 'x-signature-ed25519')!.toLowerCase()}`, REPLAY_TTL_MS))) {
      log.warn({ timestamp }, 'rejected a replayed interaction request');
      send(res, 401, { error: 'replayed request' });
      return;
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(raw.toString('utf8')) as APIInteraction;
    } catch {
      send(res, 400, { error: 'body is not JSON' });
      return;
    }
    if (typeof interaction !== 'object' || interaction === null || typeof interaction.type !== 'number') {
      send(res, 400, { error: 'body is not an interaction' });
      return;
    }
    const outcome = await handler(interaction);
    send(res, 200, outcome.response);
    options.metrics?.acknowledged({ platform: 'discord', transport: 'http', seconds: (performance.now() - arrivedAt) / 1000 });
    if (outcome.after) track(outcome.after());
  };
}
