/**
 * A redis-server of the test's own on a random port, to stop and start at will (Redis restarts,
 * Redis down at start-up). Never the shared one at 6379.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ThrowawayRedis {
  port: number;
  url: string;
  /** Starts (or starts again) the server and waits until it answers. */
  start(): Promise<void>;
  /** Stops it (SIGKILL: a crash, no save) and waits until it is gone. */
  stop(): Promise<void>;
  /** A clean restart: SIGTERM (the append-only file is flushed), `downMs` of nothing, then start. */
  restart(downMs: number): Promise<void>;
  /** Stops it for good and removes its directory. */
  destroy(): Promise<void>;
  /** Sends the running server a signal (SIGSTOP freezes it: connections stay open, nothing answers; SIGCONT thaws it). */
  signal(signal: NodeJS.Signals): void;
}

export async function throwawayRedis(port?: number, options: { appendOnly?: boolean } = {}): Promise<ThrowawayRedis> {
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'pc-throwaway-redis-'));
  let child: ChildProcess | null = null;
  const answers = async () => {
    const probe = new Redis({ host: '127.0.0.1', port: chosen, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 300 });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  };
  const api: ThrowawayRedis = {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    async start() {
      if (child) return;
      const persistence = options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
      child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir], { stdio: 'ignore' });
      const deadline = Date.now() + 5000;
      while (!(await answers())) {
        if (Date.now() > deadline) throw new Error(`throwaway redis-server on ${chosen} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const c = child;
      if (!c) return;
      child = null;
      if (c.exitCode === null && c.signalCode === null) {
        const gone = new Promise((r) => c.once('exit', r));
        c.kill('SIGKILL');
        await gone;
      }
    },
    async restart(downMs) {
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        child = null;
        const gone = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await gone;
      }
      await new Promise((r) => setTimeout(r, downMs));
      await api.start();
    },
    signal(signal) {
      if (!child) throw new Error('the throwaway redis-server is not running');
      child.kill(signal);
    },
    async destroy() {
      if (child) child.kill('SIGCONT');
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return api;
}
