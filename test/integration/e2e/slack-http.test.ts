/**
 * Slack in HTTP mode from the compiled build, the way production runs it: the bot checks its token
 * with auth.test, answers a signed `/paper` slash command on /slack/events at once, and posts the
 * result to its response_url. The Web API and response_url are the local fake; Redis is the test one.
 */
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
