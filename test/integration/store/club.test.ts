import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { redisFixture, type RedisFixture } from './redis-fixture.ts';

const channel: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const initial = ['1706.03762', '1810.04805', '2106.09685'];
const ids = (entries: Array<{ paperId: string }>) => entries.map((e) => e.paperId);

describe('club store (Redis)', () => {
  let f: RedisFixture;
  beforeEach(async () => {
    f = await redisFixture();
  });
  afterEach(async () => {
    await f.teardown();
  });

  it('starts from the numbered list and persists it', async () => {
    expect(ids(await f.store.queue(channel, initial))).toEqual(initial);
    // A later, different initial list does not reseed a channel that already has a queue.
    expect(ids(await f.store.queue(channel, ['9999.99999']))).toEqual(initial);
    const entry = (await f.store.queue(channel, initial))[0]!;
    expect(Number.isNaN(Date.parse(entry.addedAt))).toBe(false);
    expect(entry.addedBy).toBeUndefined();
  });

  it('drops duplicates from the initial list', async () => {
    expect(ids(await f.store.queue(channel, ['a', 'b', 'a']))).toEqual(['a', 'b']);
  });

  it('appends, refusing papers already queued', async () => {
    expect(await f.store.enqueue(channel, '2305.14314', 'U42', initial)).toBe(true);
    expect(await f.store.enqueue(channel, '2305.14314', 'U43', initial)).toBe(false);
    expect(await f.store.enqueue(channel, '1810.04805', 'U43', initial)).toBe(false);
    const queue = await f.store.queue(channel, initial);
    expect(ids(queue)).toEqual([...initial, '2305.14314']);
    expect(queue[3]!.addedBy).toBe('U42');
  });

  it('seeds before the first enqueue, so the seed list is not lost', async () => {
    await f.store.enqueue(channel, 'x', undefined, initial);
    expect(ids(await f.store.queue(channel, initial))).toEqual([...initial, 'x']);
  });

  it('finishes the head, records it, and lets it be queued again', async () => {
    const at = new Date('2025-03-04T10:00:00Z');
    const head = await f.store.finishHead(channel, initial, at);
    expect(head?.paperId).toBe('1706.03762');
    expect(ids(await f.store.queue(channel, initial))).toEqual(initial.slice(1));
    expect(await f.store.finished(channel)).toEqual([{ paperId: '1706.03762', finishedAt: at.toISOString() }]);
    expect(await f.store.enqueue(channel, '1706.03762', undefined, initial)).toBe(true);
  });

  it('returns null when the queue is empty, without seeding it again', async () => {
    const at = new Date('2025-03-04T10:00:00Z');
    for (let i = 0; i < initial.length; i++) await f.store.finishHead(channel, initial, new Date(at.getTime() + i * 1000));
    expect(await f.store.finishHead(channel, initial, at)).toBeNull();
    expect(await f.store.queue(channel, initial)).toEqual([]);
  });

  it('lists finished papers most recent first, filtered by time', async () => {
    await f.store.finishHead(channel, initial, new Date('2025-01-01T00:00:00Z'));
    await f.store.finishHead(channel, initial, new Date('2025-02-01T00:00:00Z'));
    await f.store.finishHead(channel, initial, new Date('2025-03-01T00:00:00Z'));
    expect(ids(await f.store.finished(channel))).toEqual(['2106.09685', '1810.04805', '1706.03762']);
    expect(ids(await f.store.finished(channel, new Date('2025-01-15T00:00:00Z')))).toEqual(['2106.09685', '1810.04805']);
  });

  it('seeds once and finishes each paper once under concurrency', async () => {
    const at = new Date('2025-03-04T10:00:00Z');
    await Promise.all(Array.from({ length: 10 }, () => f.store.queue(channel, initial)));
    expect(ids(await f.store.queue(channel, initial))).toEqual(initial);
    const heads = await Promise.all(Array.from({ length: 5 }, () => f.store.finishHead(channel, initial, at)));
    const finished = heads.filter((h) => h !== null).map((h) => h!.paperId);
    expect([...finished].sort()).toEqual([...initial].sort());
    expect(heads.filter((h) => h === null)).toHaveLength(2);
  });

  it('enqueues each paper once under concurrent adds', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => f.store.enqueue(channel, 'p', `U${i}`, initial)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(ids(await f.store.queue(channel, initial)).filter((id) => id === 'p')).toHaveLength(1);
  });
});
