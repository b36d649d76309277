/**
 * Start, degrade, recover: a bot whose Redis is down and whose Discord gateway cannot be reached still
 * serves HTTP at once (/healthz 200 with each part's state, the Discord interactions endpoint), says
 * about Redis once, and turns jobs on when Redis comes up. A deployment that keeps DISCORD_TOKEN for
 * posting can turn the gateway off. One bot per case, run from the compiled code.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import { freePort, throwawayRedis, type ThrowawayRedis } from '../../helpers/throwaway-redis.ts';
import { exited, getJson, processEnv, watchOutput } from './processes.ts';
import { slashCommand } from '../discord/payloads.ts';

const env = processEnv('e2e-degraded');
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const PUBLIC_KEY = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

/** Accepts connections and never answers: a gateway (and REST API) that cannot be reached. */
let blackHole: FixtureServer;
let redis: ThrowawayRedis;
beforeAll(async () => {
  blackHole = await startFixtureServer(() => new Promise(() => {}));
  redis = await throwawayRedis();
});
afterAll(async () => {
  await blackHole.close();
  await redis.destroy();
  await env.cleanup();
});

function signed(body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex') };
}

async function healthUntil(url: string, ok: (body: Record<string, unknown>) => boolean, ms = 20_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + ms;
  let last: unknown = null;
  for (;;) {
    try {
      const { status, body } = await getJson(url);
      last = body;
      if (status === 200 && ok(body)) return body;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`healthz never got there: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Parts = Record<string, { state: string } & Record<string, unknown>>;
const parts = (body: Record<string, unknown>) => body.parts as Parts;

describe('a bot whose Redis is down and whose Discord gateway is unreachable', () => {
  it('serves /healthz and Discord interactions at once, says so about Redis once, and starts jobs when Redis answers', async () => {
    const port = await freePort();
    const bot = env.spawn('start', {
      REDIS_URL: redis.url,
      PORT: String(port),
      DISCORD_TOKEN: 'test-token',
      DISCORD_APPLICATION_ID: '290926444748734465',
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      DISCORD_API_URL: blackHole.url,
      LOG_LEVEL: 'info',
    });
    const out = watchOutput(bot);
    try {
      await out.waitFor(/http: listening on port/, 10_000);
      const first = await getJson(`http://127.0.0.1:${port}/healthz`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ ok: true, status: 'degraded' });
      expect(parts(first.body)).toMatchObject({
        library: { state: 'ok', papers: 225 },
        redis: { state: 'waiting' },
        jobs: { state: 'waiting for Redis' },
        gateway: { state: 'connecting' },
        slack: { state: 'off' },
      });
      // Said once Redis has been looked for (in the background: serving does not wait for it).
      await out.waitFor(/jobs: waiting for Redis/);

      // The HTTP interactions endpoint answers while the gateway is still trying.
      const ping = JSON.stringify({ type: 1, id: '1', application_id: '290926444748734465', token: 't', version: 1 });
      const pong = await fetch(`http://127.0.0.1:${port}/discord/interactions`, { method: 'POST', headers: signed(ping), body: ping });
      expect(pong.status).toBe(200);
      expect(await pong.json()).toEqual({ type: 1 });
      // And lookups work without Redis: /paper search answers from the library.
      const search = JSON.stringify(slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]));
      const answer = await fetch(`http://127.0.0.1:${port}/discord/interactions`, { method: 'POST', headers: signed(search), body: search });
      expect(answer.status).toBe(200);
      expect(JSON.stringify(await answer.json())).toContain('LoRA: Low-Rank Adaptation of Large Language Models');

      // Redis comes up: the bot notices within its check interval and starts the jobs.
      await redis.start();
      const recovered = await healthUntil(`http://127.0.0.1:${port}/healthz`, (b) => parts(b)['jobs']?.state === 'running');
      expect(parts(recovered)['redis']).toMatchObject({ state: 'connected' });
      expect(out.text()).toMatch(/Redis answers again/);
      // Said once while it waited (once a minute at most), not on every reconnect attempt.
      expect(out.text().match(/Redis does not answer/g)).toHaveLength(1);

      bot.kill('SIGTERM');
      expect((await exited(bot)).code).toBe(0);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
      await redis.stop();
    }
  }, 60_000);
});

describe('DISCORD_GATEWAY=off', () => {
  it('keeps the token for posting and never connects to the gateway', async () => {
    const port = await freePort();
    const before = blackHole.requests.length;
    const bot = env.spawn('start', {
      PORT: String(port),
      DISCORD_TOKEN: 'test-token',
      DISCORD_APPLICATION_ID: '290926444748734465',
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      DISCORD_API_URL: blackHole.url,
      DISCORD_GATEWAY: 'off',
    });
    const out = watchOutput(bot);
    try {
      await out.waitFor(/jobs: alerts and digests run/);
      expect(out.text()).toMatch(/discord: gateway off \(DISCORD_GATEWAY=off\); DISCORD_TOKEN posts alerts and digests/);
      const { status, body } = await getJson(`http://127.0.0.1:${port}/healthz`);
      expect(status).toBe(200);
      expect(parts(body)).toMatchObject({ gateway: { state: 'off' }, discord: { posting: 'on', interactionsEndpoint: 'on' }, redis: { state: 'connected' }, jobs: { state: 'running' } });
      expect(blackHole.requests.length).toBe(before);
      bot.kill('SIGTERM');
      expect((await exited(bot)).code).toBe(0);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
    }
  }, 60_000);
});
