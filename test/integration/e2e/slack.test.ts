/**
 * Slack from the compiled build (Bolt is compiled into dist/), the way production runs it. HTTP mode:
 * the bot checks its token with auth.test, answers a signed `/paper` slash command on /slack/events at
 * once, and posts the result to its response_url. Socket Mode: it opens the connection with the app
 * token, acks a slash command envelope over the socket and answers through response_url. The Web API,
 * response_url and the socket are local fakes; Redis is the test one.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/throwaway-redis.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../slack/fake-slack-api.ts';
import { SIGNING_SECRET, signedHeaders, slashCommandBody } from '../slack/harness.ts';
import { exited, getJson, processEnv, watchOutput } from './processes.ts';

const env = processEnv('e2e-slack-http');
let api: FakeSlackApi;
beforeAll(async () => {
  api = await startFakeSlackApi();
});
afterAll(async () => {
  await api.close();
  await env.cleanup();
});

describe('the bot with Slack in HTTP mode', () => {
  it('checks its token, acknowledges a signed slash command and answers through response_url', async () => {
    const port = await freePort();
    const bot = env.spawn('start', { PORT: String(port), SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: api.apiUrl });
    const out = watchOutput(bot);
    try {
      await out.waitFor(/http: listening on port \d+ \(\/healthz, \/slack\/events/);
      // From dist/, with the shipped seeds: the index the build saved is loaded, not built again.
      await out.waitFor(/"origin":"saved".*search index loaded from the build's snapshot/);
      await api.waitForCalls('auth.test');
      const health = await getJson(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect((health.body.parts as Record<string, { state: string }>)['slack']).toMatchObject({ state: 'ok' });

      const responseUrl = api.responseUrl('e2e-search');
      const body = slashCommandBody('search lora', responseUrl);
      const ack = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: signedHeaders(body, 'application/x-www-form-urlencoded'), body });
      expect(ack.status).toBe(200);
      const [answer] = await api.waitFor((call) => call.method === 'response_url' && call.path.endsWith('e2e-search'));
      expect(JSON.stringify(answer!.body)).toContain('LoRA: Low-Rank Adaptation of Large Language Models');

      const forged = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: signedHeaders(body, 'application/x-www-form-urlencoded', { secret: 'not-the-signing-secret' }),
        body,
      });
      expect(forged.status).toBe(401);

      bot.kill('SIGTERM');
      expect((await exited(bot)).code).toBe(0);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
    }
  }, 60_000);
});

describe('the bot with Slack in Socket Mode', () => {
  it('connects with the app token, acks a slash command envelope over the socket and answers through response_url', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const acks: Array<Record<string, unknown>> = [];
    const answered = new Promise<void>((resolve) => {
      wss.on('connection', (socket) => {
        socket.on('message', (data) => {
          acks.push(JSON.parse(String(data)) as Record<string, unknown>);
          resolve();
        });
        socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A111' } }));
        const payload = Object.fromEntries(new URLSearchParams(slashCommandBody('search lora', api.responseUrl('e2e-socket'))));
        socket.send(JSON.stringify({ envelope_id: 'env-e2e', type: 'slash_commands', accepts_response_payload: true, payload }));
      });
    });
    const { port: wsPort } = wss.address() as AddressInfo;
    api.script('apps.connections.open', ...Array.from({ length: 5 }, () => ({ status: 200, json: { ok: true, url: `ws://127.0.0.1:${wsPort}/link` } })));
    const bot = env.spawn('start', { PORT: String(await freePort()), SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_APP_TOKEN: 'xapp-e2e', SLACK_API_URL: api.apiUrl });
    try {
      await answered;
      expect(acks).toContainEqual({ envelope_id: 'env-e2e', payload: {} });
      const [answer] = await api.waitFor((call) => call.method === 'response_url' && call.path.endsWith('e2e-socket'));
      expect(JSON.stringify(answer!.body)).toContain('LoRA: Low-Rank Adaptation of Large Language Models');
      expect(api.callsTo('apps.connections.open')[0]?.authorization).toBe('Bearer xapp-e2e');
      bot.kill('SIGTERM');
      expect((await exited(bot)).code).toBe(0);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  }, 60_000);
});
