/**
 * What an operator's monitoring sees, from the compiled entry points: a worker's /healthz and /metrics
 * on WORKER_PORT (healthy; Redis frozen so nothing answers a PING although the connection stays open;
 * a port already taken), and the bot's /metrics and /admin/queues on PORT. One process per case.
 */
import { createServer } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, throwawayRedis } from '../../helpers/throwaway-redis.ts';
import { sampleValue, series } from '../../helpers/prometheus.ts';
import { exited, getJson, processEnv, watchOutput } from './processes.ts';

const env = processEnv('e2e-operations');
afterAll(async () => {
  await env.cleanup();
});

type Parts = Record<string, { state: string } & Record<string, unknown>>;

async function metricsText(port: number): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('a worker', () => {
  it('serves /healthz and /metrics on WORKER_PORT and stops cleanly', async () => {
    const port = await freePort();
    const worker = env.spawn('worker', { WORKER_PORT: String(port) });
    const out = watchOutput(worker);
    try {
      await out.waitFor(/delivering to/);
      expect(out.text()).toContain(`/healthz and /metrics on port ${port}`);
      const { status, body } = await getJson(`http://127.0.0.1:${port}/healthz`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ ok: true, status: 'ok' });
      const parts = body.parts as Parts;
      expect(parts).toMatchObject({ redis: { state: 'connected' }, jobs: { state: 'running' }, posting: { state: 'off', platforms: [] }, library: { state: 'ok' } });
      expect(typeof parts['redis']!['pingMs']).toBe('number');
      // A worker has no chat adapters to report.
      expect(parts).not.toHaveProperty('slack');

      const scrape = await metricsText(port);
      expect(scrape.status).toBe(200);
      expect(scrape.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(sampleValue(scrape.text, 'paperclub_info', { role: 'worker' })).toBe(1);
      expect(sampleValue(scrape.text, 'paperclub_redis_up')).toBe(1);
      // The poll scheduler's next run waits as a delayed job.
      expect(sampleValue(scrape.text, 'paperclub_queue_jobs', { queue: 'poll', state: 'delayed' })).toBe(1);
      expect(series(scrape.text, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);

      worker.kill('SIGTERM');
      expect((await exited(worker)).code).toBe(0);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
  }, 60_000);

  it('says Redis is not answering when a PING gets no PONG, though the connection is open', async () => {
    const redis = await throwawayRedis();
    await redis.start();
    const port = await freePort();
    const worker = env.spawn('worker', { WORKER_PORT: String(port), REDIS_URL: redis.url });
    const out = watchOutput(worker);
    try {
      await out.waitFor(/delivering to/);
      const before = await metricsText(port);
      expect(sampleValue(before.text, 'paperclub_redis_up')).toBe(1);
      const pingSeconds = sampleValue(before.text, 'paperclub_redis_ping_seconds')!;
      expect(pingSeconds).toBeGreaterThan(0);
      // Past the scrape's one-second memo, so the next scrape asks Redis again.
      await new Promise((r) => setTimeout(r, 1100));
      redis.signal('SIGSTOP');
      const started = Date.now();
      const { status, body } = await getJson(`http://127.0.0.1:${port}/healthz`);
      // Still 200: lookups would still be served. But degraded, and says why, within the PING's timeout.
      expect(status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2500);
      expect(body).toMatchObject({ ok: true, status: 'degraded', degraded: ['redis'] });
      expect((body.parts as Parts)['redis']).toMatchObject({ state: 'not answering', reason: 'PING failed: no PONG within 500 ms' });
      expect((body.reasons as Record<string, string>)['redis']).toBe('not answering: PING failed: no PONG within 500 ms');
      const scrape = await metricsText(port);
      expect(sampleValue(scrape.text, 'paperclub_redis_up')).toBe(0);
      // The last answered PING's round trip stays as it was.
      expect(sampleValue(scrape.text, 'paperclub_redis_ping_seconds')).toBe(pingSeconds);

      redis.signal('SIGCONT');
      const healthy = await getJson(`http://127.0.0.1:${port}/healthz`);
      expect(healthy.body).toMatchObject({ status: 'ok' });
      worker.kill('SIGTERM');
      expect((await exited(worker)).code).toBe(0);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
      await redis.destroy();
    }
  }, 60_000);

  it('refuses to start on a WORKER_PORT already taken, saying which, with exit code 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const worker = env.spawn('worker', { WORKER_PORT: String(port) });
      const out = watchOutput(worker);
      expect((await exited(worker)).code).toBe(2);
      expect(out.text()).toContain(`WORKER_PORT ${port} is in use: give each worker on this machine its own WORKER_PORT (0 picks a free one)`);
    } finally {
      blocker.close();
    }
  }, 60_000);
});

describe('the bot', () => {
  it('serves /metrics, and /admin/queues only to the admin token', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const port = await freePort();
    const token = 'e2e-admin-token-0123456789abcdef';
    const bot = env.spawn('start', {
      PORT: String(port),
      DISCORD_APPLICATION_ID: '290926444748734465',
      DISCORD_PUBLIC_KEY: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex'),
      DISCORD_API_URL: 'http://127.0.0.1:9',
      ADMIN_TOKEN: token,
    });
    const out = watchOutput(bot);
    try {
      await out.waitFor(/jobs: alerts and digests run/);
      expect(out.text()).toMatch(/http: listening on port \d+ \(\/healthz, \/discord\/interactions, \/club\/calendar\/\*, \/metrics, \/admin\/queues\/\*\)/);
      const scrape = await metricsText(port);
      expect(sampleValue(scrape.text, 'paperclub_info', { role: 'bot' })).toBe(1);
      expect(sampleValue(scrape.text, 'paperclub_redis_up')).toBe(1);

      const refused = await fetch(`http://127.0.0.1:${port}/admin/queues`);
      expect(refused.status).toBe(401);
      const api = await fetch(`http://127.0.0.1:${port}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${token}` } });
      expect(api.status).toBe(200);
      const body = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
      expect(body.queues.map((q) => q.name).sort()).toEqual(['arxiv', 'club', 'deliver', 'digest', 'poll']);
      expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);

      bot.kill('SIGTERM');
      expect((await exited(bot)).code).toBe(0);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
    }
  }, 60_000);
});
