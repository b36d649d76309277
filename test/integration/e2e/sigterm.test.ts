/**
 * SIGTERM: stop taking jobs, finish the current ones, close connections, exit 0 — for both processes,
 * run as real child processes against the real Redis under a throwaway prefix.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { processEnv } from './processes.ts';

const env = processEnv('e2e-sigterm');
const start = (entry: 'start' | 'worker') => env.spawn(entry);

/** Resolves with the exit code once `ready` has appeared on stderr and SIGTERM was sent. */
function terminateWhenReady(child: ChildProcessWithoutNullStreams, ready: RegExp): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!signalled && ready.test(stderr)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

afterAll(() => env.cleanup());

describe('SIGTERM', () => {
  it('stops `npm run worker` cleanly with exit code 0', async () => {
    const result = await terminateWhenReady(start('worker'), /paperclub worker: polling/);
    expect(result.code).toBe(0);
  }, 60_000);

  it('stops `npm start` (console, jobs in process) cleanly with exit code 0 while the console is open', async () => {
    const child = start('start');
    // stdin stays open: the console is waiting for input when the signal arrives.
    const result = await terminateWhenReady(child, /jobs: alerts and digests run in this process/);
    expect(result.code).toBe(0);
  }, 60_000);
});
