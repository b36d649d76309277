/**
 * Checks a request to /slack/events before Bolt sees it, and answers at once when it must not go on:
 *
 * - 401 for a missing or wrong `v0` signature, a timestamp more than 5 minutes old OR in the future
 *   (Bolt only refuses old ones), and a replay: the same signed request seen before, by any process
 *   of the deployment (ReplayGuard: Redis SET NX with expiry), within the window its timestamp allows;
 * - 400 for a signed body that is malformed or is not something paperclub handles (another slash
 *   command, a foreign button, an unknown payload type). Bolt would hold such a request for 3 s and
 *   then answer 404; Slack gets a clear answer at once instead;
 * - 200 for an Events API envelope whose event paperclub does not handle: Slack retries failed event
 *   deliveries and disables subscriptions that keep failing, so those are acknowledged, not refused.
 *
 * Everything that passes is handed to Bolt with the body already read (Bolt then re-checks the
 * signature itself and dispatches to the listeners).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ReplayGuard } from '../../src/ports.ts';

/** Slack's window for request timestamps, in both directions. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A seen signature is remembered this long: past it, the timestamp check refuses the request anyway. */
export const REPLAY_TTL_MS = 2 * MAX_CLOCK_SKEW_MS;

export interface SlackRequestRules {
  signingSecret: string;
  now: () => number;
  replay: ReplayGuard;
  /** The slash command paperclub registers, e.g. `/paper`. */
  command: string;
  /** action_ids of paperclub's own buttons. */
  actionIds: RegExp;
  /** Event types with a listener (e.g. link_shared). */
  events: ReadonlySet<string>;
}

export type SlackRequestVerdict =
  | { pass: true; kind: 'slash_command' | 'block_actions' | 'event' | 'url_verification' | 'ssl_check' }
  | { pass: false; status: 200 | 400 | 401; reason: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function signatureMatches(secret: string, timestamp: string, raw: Buffer, signature: string): boolean {
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}

const refuse = (status: 200 | 400 | 401, reason: string): SlackRequestVerdict => ({ pass: false, status, reason });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function checkSlackRequest(headers: IncomingHttpHeaders, raw: Buffer, rules: SlackRequestRules): Promise<SlackRequestVerdict> {
  const contentType = (header(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = raw.toString('utf8');

  // Slack's SSL check is the one unsigned request; Bolt answers it and strips anything else sent along.
  if (contentType === 'application/x-www-form-urlencoded' && new URLSearchParams(text).get('ssl_check') === '1') {
    return { pass: true, kind: 'ssl_check' };
  }

  const signature = header(headers, 'x-slack-signature');
  const timestamp = header(headers, 'x-slack-request-timestamp');
  if (!signature || !timestamp) return refuse(401, 'missing signature headers');
  if (!/^\d{1,12}$/.test(timestamp)) return refuse(401, 'malformed timestamp');
  if (Math.abs(rules.now() - Number(timestamp) * 1000) > MAX_CLOCK_SKEW_MS) return refuse(401, 'timestamp outside the 5-minute window');
  if (!signatureMatches(rules.signingSecret, timestamp, raw, signature)) return refuse(401, 'bad signature');
  if (!(await rules.replay.firstSeen(`slack:${signature}`, REPLAY_TTL_MS))) return refuse(401, 'replayed request');

  if (contentType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    const payload = form.get('payload');
    if (payload !== null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        return refuse(400, 'payload is not JSON');
      }
      if (!isRecord(parsed) || typeof parsed.type !== 'string') return refuse(400, 'payload has no type');
      if (parsed.type !== 'block_actions') return refuse(400, `interaction type ${parsed.type} is not handled`);
      const actions = Array.isArray(parsed.actions) ? parsed.actions : [];
      const ours = actions.some((a) => isRecord(a) && typeof a.action_id === 'string' && rules.actionIds.test(a.action_id));
      return ours ? { pass: true, kind: 'block_actions' } : refuse(400, 'no paperclub button in this interaction');
    }
    const command = form.get('command');
    if (command !== null) {
      if (command !== rules.command) return refuse(400, `slash command ${command} is not handled`);
      if (!form.get('team_id') || !form.get('channel_id') || !form.get('user_id') || !form.get('response_url')) {
        return refuse(400, 'slash command without team, channel, user or response_url');
      }
      return { pass: true, kind: 'slash_command' };
    }
    return refuse(400, 'form body is neither a slash command nor an interaction');
  }

  if (contentType === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return refuse(400, 'body is not JSON');
    }
    if (!isRecord(body) || typeof body.type !== 'string') return refuse(400, 'JSON body has no type');
    if (body.type === 'url_verification') return { pass: true, kind: 'url_verification' };
    if (body.type === 'event_callback') {
      const event = body.event;
      if (!isRecord(event) || typeof event.type !== 'string') return refuse(400, 'event_callback without an event');
      return rules.events.has(event.type) ? { pass: true, kind: 'event' } : refuse(200, `event ${event.type} is not handled; acknowledged`);
    }
    return refuse(400, `body type ${body.type} is not handled`);
  }
  return refuse(400, `content type ${contentType || 'none'} is not one Slack sends`);
}
