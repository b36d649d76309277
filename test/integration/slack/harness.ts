/**
 * The real Slack adapter (HTTP mode) behind a real HTTP server on 127.0.0.1, with real core services
 * (the seed library, the search index, a Redis store under a random prefix, the arXiv lookup over a
 * local server replaying a recorded Atom response) and the fake Slack Web API. Requests are built from
 * the recorded fixtures in test/fixtures/slack and signed with a test signing secret exactly as Slack
 * signs them (v0 HMAC-SHA256 over `v0:<timestamp>:<raw body>`).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import type { RunningAdapter } from '../../../adapters/types.ts';
import { createArxivApiClient } from '../../../src/arxiv/api-client.ts';
import { createArxivLookup } from '../../../src/arxiv/lookup.ts';
import { RequestSpacer } from '../../../src/arxiv/request-spacer.ts';
import { commands as allCommands } from '../../../src/commands/index.ts';
import type { CommandDef, CommandServices } from '../../../src/commands/types.ts';
import { silentLogger, type Logger } from '../../../src/log.ts';
import type { Metrics, ReplayGuard } from '../../../src/ports.ts';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import { createTestServices, RecordingDigests } from '../../helpers/services.ts';
import { startFakeSlackApi, type FakeSlackApi, type RecordedCall } from './fake-slack-api.ts';

export const SIGNING_SECRET = 'test-signing-secret-8f2c1e';
export const BOT_TOKEN = 'xoxb-fake';

const FIXTURES = new URL('../../fixtures/slack/', import.meta.url);
const ARXIV_FIXTURES = new URL('../../fixtures/arxiv/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}
export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** Slack's request signature for a raw body. */
export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(body: string, contentType: string, options: { timestamp?: number; secret?: string } = {}): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
  };
}

/** The recorded slash-command body with only the fields a test must change replaced. */
export function slashCommandBody(text: string, responseUrl: string, overrides: Record<string, string> = {}): string {
  const params = new URLSearchParams(fixtureText('slash_command.bolt-js.body.txt').trim());
  params.set('command', '/paper');
  params.set('text', text);
  params.set('response_url', responseUrl);
  for (const [key, value] of Object.entries(overrides)) params.set(key, value);
  return params.toString();
}

export type ButtonFixture = 'ephemeral' | 'message';

/** The recorded block_actions payload with our button's action_id/value and a local response_url. */
export function blockActionsPayload(
  fixture: ButtonFixture,
  action: { actionId: string; value: string; label?: string },
  responseUrl: string,
  userId?: string,
  userName?: string,
): Record<string, unknown> {
  const payload = fixtureJson<Record<string, unknown> & { actions: Array<Record<string, unknown>>; user: Record<string, unknown> }>(
    fixture === 'ephemeral' ? 'block_actions.ephemeral-button.bolt-python.json' : 'block_actions.message-button.bolt-python.json',
  );
  const first = payload.actions[0]!;
  first.action_id = action.actionId;
  first.value = action.value;
  if (action.label) first.text = { type: 'plain_text', text: action.label, emoji: true };
  payload.response_url = responseUrl;
  if (userId) payload.user = { ...payload.user, id: userId };
  if (userName) payload.user = { ...payload.user, username: userName, name: userName };
  return payload;
}

/**
 * A member's message as the Events API delivers it (`message.channels`), on the recorded envelope of
 * app_mention.event_callback.bolt-python-flask.json: the envelope and message fields are the same.
 */
export function messageEventEnvelope(
  message: { channel: string; ts: string; text: string; user?: string; thread_ts?: string },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const envelope = fixtureJson<Record<string, unknown> & { event: Record<string, unknown> }>('app_mention.event_callback.bolt-python-flask.json');
  const { client_msg_id: _id, ...event } = envelope.event;
  return {
    ...envelope,
    event_id: `Ev${message.ts.replace('.', '')}`,
    event: {
      ...event,
      type: 'message',
      channel: message.channel,
      user: message.user,
      text: message.text,
      ts: message.ts,
      event_ts: message.ts,
      channel_type: 'channel',
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      ...extra,
    },
  };
}

export function blockActionsBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface SlackHarness {
  api: FakeSlackApi;
  adapter: RunningAdapter;
  /** The adapter's HTTP server (the route mounted at /slack/events). */
  server: FixtureServer;
  eventsUrl: string;
  services: CommandServices;
  /** The Redis key prefix the services' store uses. */
  prefix: string;
  digests: RecordingDigests;
  /** Requests the arXiv API replay server received. */
  arxivRequests(): number;
  /** POSTs a raw body with the given headers to /slack/events. */
  post(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }>;
  /** Sends `/paper <text>` signed; resolves once Slack's HTTP request is answered (the ack). */
  slash(text: string, options?: { userId?: string; userName?: string; responseUrl?: string }): Promise<{ status: number; text: string; responseUrl: string }>;
  /** Clicks a button (block_actions from the recorded payloads), signed. */
  click(
    action: { actionId: string; value: string; label?: string },
    options?: { fixture?: ButtonFixture; userId?: string; userName?: string; responseUrl?: string },
  ): Promise<{ status: number; text: string; responseUrl: string }>;
  /** Sends an Events API envelope, signed. */
  event(envelope: unknown): Promise<{ status: number; text: string }>;
  /** The response_url posts made to `responseUrl`, once `count` have arrived. */
  responses(responseUrl: string, count?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  adminUsers?: string[];
  replay?: ReplayGuard;
  commands?: readonly CommandDef[];
  log?: Logger;
  metrics?: Metrics;
}

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const api = await startFakeSlackApi();
  const digests = new RecordingDigests();
  const atom = readFileSync(new URL('api-atom-idlist-two-ids.xml', ARXIV_FIXTURES), 'utf8');
  const arxivServer = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(atom);
  });
  const log = options.log ?? silentLogger();
  const { services, prefix, cleanup } = await createTestServices({
    scope: 'slack',
    digests,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    arxiv: createArxivLookup({
      client: createArxivApiClient({
        apiUrl: arxivServer.url,
        userAgent: 'paperclub-tests',
        log,
        spacer: new RequestSpacer({ minIntervalMs: 0 }),
        retry: { attempts: 1 },
      }),
      log,
    }),
  });
  const adapter = await createSlackAdapter(
    { commands: options.commands ?? allCommands, services, log },
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, adminUsers: options.adminUsers ?? [], ...(options.replay ? { replay: options.replay } : {}) },
  );
  await adapter.started;
  const route = adapter.routes['/slack/events'];
  if (!route) throw new Error('the Slack adapter exposed no /slack/events route in HTTP mode');
  const server = await startFixtureServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/slack/events') {
      res.writeHead(404).end();
      return;
    }
    return route(req, res);
  });
  const eventsUrl = `${server.url}/slack/events`;

  const post = async (body: string, headers: Record<string, string>) => {
    const response = await fetch(eventsUrl, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  };

  return {
    api,
    adapter,
    server,
    eventsUrl,
    services,
    prefix: prefix!,
    digests,
    arxivRequests: () => arxivServer.requests.length,
    post,
    async slash(text, opts = {}) {
      const responseUrl = opts.responseUrl ?? api.responseUrl();
      const body = slashCommandBody(text, responseUrl, { ...(opts.userId ? { user_id: opts.userId } : {}), ...(opts.userName ? { user_name: opts.userName } : {}) });
      const result = await post(body, signedHeaders(body, 'application/x-www-form-urlencoded'));
      return { ...result, responseUrl };
    },
    async click(action, opts = {}) {
      const responseUrl = opts.responseUrl ?? api.responseUrl();
      const body = blockActionsBody(blockActionsPayload(opts.fixture ?? 'ephemeral', action, responseUrl, opts.userId, opts.userName));
      const result = await post(body, signedHeaders(body, 'application/x-www-form-urlencoded'));
      return { ...result, responseUrl };
    },
    async event(envelope) {
      const body = JSON.stringify(envelope);
      return post(body, signedHeaders(body, 'application/json'));
    },
    responses(responseUrl, count = 1) {
      const path = new URL(responseUrl).pathname;
      return api.waitFor((c) => c.path === path, count);
    },
    async close() {
      await adapter.stop();
      await server.close();
      await arxivServer.close();
      await api.close();
      await cleanup();
    },
  };
}
