import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TurnQueue } from '../../../adapters/turn-queue.ts';

/** Holds the thread, as a CPU-heavy command would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('TurnQueue', () => {
  const closers: Array<() => void> = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  it('runs jobs in order, each on a later turn, and settles with their results', async () => {
    const queue = new TurnQueue();
    const order: string[] = [];
    const results = [1, 2, 3].map((n) => queue.run(() => (order.push(`job ${n}`), n * 10)));
    order.push('queued');
    expect(queue.waiting).toBe(3);
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30]);
    expect(order).toEqual(['queued', 'job 1', 'job 2', 'job 3']);
    expect(queue.waiting).toBe(0);
  });

  it('rejects with the error of a job that throws or rejects, and goes on with the next', async () => {
    const queue = new TurnQueue();
    const thrown = queue.run(() => {
      throw new Error('sync failure');
    });
    const rejected = queue.run(async () => Promise.reject(new Error('async failure')));
    const after = queue.run(() => 'still runs');
    await expect(thrown).rejects.toThrow('sync failure');
    await expect(rejected).rejects.toThrow('async failure');
    await expect(after).resolves.toBe('still runs');
  });

  it('does not wait for a job that awaits I/O before starting the next', async () => {
    const queue = new TurnQueue();
    let release!: () => void;
    const slow = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(queue.run(() => 'next')).resolves.toBe('next');
    release();
    await slow;
  });

  it('lets the event loop read a socket between two jobs (a request arriving during a burst is served after one job, not all)', async () => {
    const queue = new TurnQueue();
    const order: string[] = [];
    const server = net.createServer((socket) => socket.on('data', () => order.push('socket read')));
    closers.push(() => server.close());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    closers.push(() => client.destroy());
    await new Promise((resolve) => client.once('connect', resolve));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the server has accepted the connection

    const jobs = [1, 2, 3].map((n) =>
      queue.run(() => {
        order.push(`job ${n}`);
        if (n === 1) {
          client.write('a request'); // arrives while jobs 2 and 3 wait
          busy(5);
        }
      }),
    );
    await Promise.all(jobs);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['job 1', 'socket read', 'job 2', 'job 3']);
  });
});
