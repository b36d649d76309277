import type { Redis, RedisOptions } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { linkWhileOpening, type RedisLink } from '../../../bin/redis-link.ts';

/** An opened link, connected to a stand-in client, that records what is asked of it. */
function openedLink(): RedisLink & { closed: boolean } {
  const client = { status: 'ready' } as unknown as Redis;
  const options: RedisOptions = { host: '127.0.0.1', port: 6379 };
  const link = {
    closed: false,
    client: () => client,
    options: () => options,
    state: () => 'connected' as const,
    detail: () => 'REDIS_URL',
    whenReady: (ready: (c: Redis, o: RedisOptions) => void) => ready(client, options),
    close: async () => {
      link.closed = true;
    },
  };
  return link;
}

describe('a Redis link while Redis is looked for in the background', () => {
  it('waits, then is the opened link: callbacks registered meanwhile run once it is open', async () => {
    let open!: (link: RedisLink) => void;
    const opened = openedLink();
    const link = linkWhileOpening(new Promise((resolve) => (open = resolve)), 'looking for Redis');
    const ready: string[] = [];
    link.whenReady(() => void ready.push('early'));
    expect(link.state()).toBe('waiting');
    expect(link.detail()).toBe('looking for Redis');
    expect(link.client()).toBeNull();
    expect(ready).toEqual([]);

    open(opened);
    await Promise.resolve();
    await Promise.resolve();
    expect(ready).toEqual(['early']);
    expect(link.state()).toBe('connected');
    expect(link.detail()).toBe('REDIS_URL');
    expect(link.client()).toBe(opened.client());
    link.whenReady(() => void ready.push('late'));
    expect(ready).toEqual(['early', 'late']);
  });

  it('closes what the opening opened, also when closed before it finished', async () => {
    let open!: (link: RedisLink) => void;
    const opened = openedLink();
    const link = linkWhileOpening(new Promise((resolve) => (open = resolve)), 'looking for Redis');
    const closing = link.close();
    open(opened);
    await closing;
    expect(opened.closed).toBe(true);
  });
});
