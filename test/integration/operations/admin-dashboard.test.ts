/**
 * The queue dashboard's door: /admin/queues on the real HTTP server with real BullMQ queues on the test
 * Redis. No credentials, wrong ones, a right user with a wrong password, the token in the wrong place:
 * 401 with a basic-auth challenge, and bull-board is not even loaded. Right ones: the dashboard and
 * its API, read-only unless configured otherwise.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATH, adminDashboardRoute, authorised } from '../../../bin/admin-dashboard.ts';
import { startHttpServer, type RunningHttpServer } from '../../../bin/http-server.ts';
import { connectTestRedis, deleteKeysWithPrefix } from '../../helpers/redis.ts';
import { captureLogs } from '../jobs/harness.ts';

const TOKEN = 'a-long-random-admin-token-0123456789';
const credentials = { token: TOKEN, user: 'ops', password: 'correct horse battery' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('authorised()', () => {
  it('accepts the token as a bearer or as a basic-auth password, and user + password', () => {
    expect(authorised(`Bearer ${TOKEN}`, credentials)).toBe(true);
    expect(authorised(`bearer   ${TOKEN}`, credentials)).toBe(true);
    expect(authorised(basic('anyone', TOKEN), credentials)).toBe(true);
    expect(authorised(basic('ops', 'correct horse battery'), credentials)).toBe(true);
  });

  it('refuses everything else, whatever its length', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Token ${TOKEN}`,
      basic('ops', 'wrong'),
      basic('ops', ''),
      basic('other', 'correct horse battery'),
      `Basic ${Buffer.from(TOKEN).toString('base64')}`,
      'Basic !!!not-base64!!!',
    ]) {
      expect(authorised(header, credentials), String(header)).toBe(false);
    }
    // A bearer is only ever the token; basic credentials are refused when none are configured.
    expect(authorised('Bearer correct horse battery', credentials)).toBe(false);
    expect(authorised(basic('ops', 'correct horse battery'), { token: TOKEN })).toBe(false);
    expect(authorised(`Bearer ${TOKEN}`, { user: 'ops', password: 'correct horse battery' })).toBe(false);
  });
});

describe('/admin/queues', () => {
  const prefix = `test:admin:${randomUUID()}`;
  const connection = { host: '127.0.0.1', port: 6379 };
  let queues: Queue[];
  let http: RunningHttpServer;
  let running = true;
  const logs = captureLogs();

  beforeAll(async () => {
    queues = ['poll', 'deliver'].map((name) => new Queue(name, { connection, prefix }));
    await queues[1]!.add('deliver-alert', { channel: 'slack:T1/C1' }, { jobId: 'alert-1' });
    http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      log: logs.log,
      health: async () => ({ ok: true }),
      routes: {
        [`${ADMIN_PATH}/*`]: adminDashboardRoute({ credentials, readOnly: true, queues: () => (running ? queues : null), log: logs.log }),
      },
    });
  });
  afterAll(async () => {
    await http.close();
    for (const queue of queues) await queue.close();
    const redis = await connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  const get = (path: string, authorization?: string) => fetch(`${http.url}${path}`, { headers: authorization ? { authorization } : {} });

  it('refuses requests without valid credentials with a basic-auth challenge, and loads nothing for them', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', basic('ops', 'wrong'), basic('ops', TOKEN.slice(1))]) {
      for (const path of [ADMIN_PATH, `${ADMIN_PATH}/`, `${ADMIN_PATH}/api/queues`, `${ADMIN_PATH}/static/js/main.js`]) {
        const res = await get(path, authorization);
        expect(res.status, `${path} with ${authorization}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Basic realm="paperclub admin", charset="UTF-8"');
        expect(await res.text()).toBe('credentials required');
      }
    }
    expect(logs.lines.some((l) => l.msg === 'queue dashboard loaded')).toBe(false);
    // Said once a minute at most, not for every refused request.
    expect(logs.lines.filter((l) => String(l.msg).startsWith('refused a request to the queue dashboard'))).toHaveLength(1);
  });

  it('serves the dashboard and its API to the token and to the basic-auth user, read-only', async () => {
    const page = await get(ADMIN_PATH, `Bearer ${TOKEN}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<base href="${ADMIN_PATH}/"`);
    expect(page.headers.get('cache-control')).toBe('no-store');

    const api = await get(`${ADMIN_PATH}/api/queues`, basic('ops', 'correct horse battery'));
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean; counts: Record<string, number> }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['deliver', 'poll']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    expect(body.queues.find((q) => q.name === 'deliver')!.counts).toMatchObject({ waiting: 1 });
    expect(logs.lines.filter((l) => l.msg === 'queue dashboard loaded')).toHaveLength(1);

    // Its static files are served under the same base path.
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await get(`${ADMIN_PATH}/${script}`, basic('x', TOKEN));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('read-only: pausing, emptying or adding jobs is refused and changes nothing', async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    for (const [method, path] of [
      ['PUT', '/api/queues/deliver/pause'],
      ['PUT', '/api/queues/deliver/empty'],
      ['POST', '/api/queues/deliver/add'],
    ] as const) {
      const res = await fetch(`${http.url}${ADMIN_PATH}${path}`, { method, headers: auth, body: method === 'POST' ? JSON.stringify({ name: 'x', data: {} }) : undefined });
      expect(res.status, `${method} ${path}`).toBe(405);
    }
    expect(await queues[1]!.isPaused()).toBe(false);
    expect(await queues[1]!.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('says 503 while the job runtime does not run', async () => {
    running = false;
    try {
      const res = await get(ADMIN_PATH, `Bearer ${TOKEN}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/job runtime is not running/);
    } finally {
      running = true;
    }
  });
});
