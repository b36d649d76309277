/**
 * Processes that start and stop cleanly, tested the way an operator runs them: through npm. SIGTERM
 * or SIGINT to npm's own process stops the bot (exit 0) and leaves nothing behind, not even the
 * private redis-server; a bot killed outright (kill -9) leaves its redis-server, and the next start
 * takes it over and stops it on exit.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PIDFILE } from '../../../bin/redis-bootstrap.ts';
import { exited, gone, isAlive, processEnv, watchOutput } from './processes.ts';

const env = processEnv('e2e-signals');
const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-'));
const pidfile = join(dataDir, 'redis', PIDFILE);
// This bot's own redis-server under a temporary data directory, even though 6379 answers.
const privateRedis = { REDIS_URL: 'private', PAPERCLUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await env.cleanup();
});

const redisPid = (): number => (JSON.parse(readFileSync(pidfile, 'utf8')) as { redisPid: number }).redisPid;

describe('signals through npm', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s to `npm start` stops the bot with exit 0 and leaves no process and no redis-server', async (signal) => {
    const npm = env.npm('start', privateRedis);
    const out = watchOutput(npm);
    const [, pid] = await out.waitFor(/starting \(pid (\d+)\)/);
    await out.waitFor(/jobs: alerts and digests run in this process/);
    const redis = redisPid();
    expect(isAlive(redis)).toBe(true);

    npm.kill(signal);
    expect(await exited(npm)).toEqual({ code: 0, signal: null });
    await gone(Number(pid));
    await gone(redis);
    expect(existsSync(pidfile)).toBe(false);
  }, 60_000);

  it('SIGTERM to `npm run worker` stops the worker with exit 0 and leaves nothing behind', async () => {
    const npm = env.npm('worker', privateRedis);
    const out = watchOutput(npm);
    const [, pid] = await out.waitFor(/paperclub worker \(pid (\d+)\): polling/);
    const redis = redisPid();
    npm.kill('SIGTERM');
    expect(await exited(npm)).toEqual({ code: 0, signal: null });
    await gone(Number(pid));
    await gone(redis);
    expect(existsSync(pidfile)).toBe(false);
  }, 60_000);

  it('after a kill -9, the next start takes the orphaned redis-server over and stops it on exit', async () => {
    const crashed = env.npm('start', privateRedis);
    const out = watchOutput(crashed);
    const [, pid] = await out.waitFor(/starting \(pid (\d+)\)/);
    await out.waitFor(/jobs: alerts and digests run/);
    const orphan = redisPid();
    process.kill(Number(pid), 'SIGKILL');
    await exited(crashed);
    expect(isAlive(orphan)).toBe(true);

    const next = env.npm('start', { ...privateRedis, LOG_LEVEL: 'warn' });
    const nextOut = watchOutput(next);
    await nextOut.waitFor(/jobs: alerts and digests run/);
    expect(nextOut.text()).toMatch(/took over the private Redis a crashed run left behind/);
    expect(redisPid()).toBe(orphan);
    next.kill('SIGTERM');
    expect((await exited(next)).code).toBe(0);
    await gone(orphan);
    expect(existsSync(pidfile)).toBe(false);
  }, 60_000);
});
