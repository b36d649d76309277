/** The alert outbox on real Redis: claims once per channel, ever; one delivery per paper; bounded holding. */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { AlertOutbox } from '../../../jobs/delivery/alert-outbox.ts';
import type { AlertPaper } from '../../../src/topics/alert-message.ts';
import { deleteKeysWithPrefix, randomPrefix } from '../../helpers/redis.ts';
import { slackChannel } from './harness.ts';

const redis = new Redis({ host: '127.0.0.1', port: 6379 });
const second = new Redis({ host: '127.0.0.1', port: 6379 });
const prefix = randomPrefix('outbox');
afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await second.quit();
});

const paper = (arxivId: string): AlertPaper => ({ arxivId, version: 1, title: `Paper ${arxivId}`, authors: ['A. Author'], abstract: '', categories: ['cs.LG'], announceType: 'new', matches: [{ topic: 't', terms: ['t'], fields: ['title'] }] });
const a = slackChannel('C-a');
const b = slackChannel('C-b');

describe('AlertOutbox', () => {
  it('lets a channel take a paper once, ever, across connections; other channels take it too', async () => {
    const outboxes = [new AlertOutbox(redis, prefix), new AlertOutbox(second, prefix)];
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => outboxes[i % 2]!.take(a, [paper('2401.00001')], 1)));
    expect(taken.filter((t) => t.length === 1)).toHaveLength(1);
    expect(await outboxes[0]!.take(b, [paper('2401.00001')], 1)).toHaveLength(1);
    // Settled (posted): it leaves the outbox, and the claim still keeps it from ever coming back.
    await outboxes[0]!.settle(a, ['2401.00001']);
    expect(await outboxes[1]!.take(a, [paper('2401.00001')], 2)).toEqual([]);
    expect(await outboxes[1]!.held(a)).toEqual([]);
  });

  it('assigns a held paper to exactly one delivery, whoever asks first', async () => {
    const outbox = new AlertOutbox(redis, prefix);
    const channel = slackChannel('C-assign');
    await outbox.take(channel, [paper('2401.00010'), paper('2401.00011')], 10);
    const [x, y] = await Promise.all([outbox.assign(channel, 'summary:poll-1', ['2401.00010', '2401.00011']), outbox.assign(channel, 'summary:poll-2', ['2401.00010', '2401.00011'])]);
    expect([...x, ...y].sort()).toEqual(['2401.00010', '2401.00011']);
    expect(new Set((await outbox.held(channel)).map((h) => h.delivery)).size).toBe(1);
    expect(await outbox.assign(channel, 'alert:x', ['2409.99999'])).toEqual([]);
  });

  it('holds at most a bounded number, for a bounded time, and never drops an assigned paper', async () => {
    const outbox = new AlertOutbox(redis, prefix);
    const channel = slackChannel('C-trim');
    await outbox.take(channel, [paper('2401.00020')], 0); // very old
    await outbox.take(channel, [paper('2401.00021'), paper('2401.00022'), paper('2401.00023')], 1000);
    await outbox.assign(channel, 'alert:2401.00021', ['2401.00021']);
    const dropped = await outbox.trim(channel, 2000, { count: 2, ageMs: 1500 });
    expect(dropped.map((d) => d.paper.arxivId)).toEqual(['2401.00020', '2401.00022']);
    expect((await outbox.held(channel)).map((h) => [h.paper.arxivId, h.delivery])).toEqual([
      ['2401.00021', 'alert:2401.00021'],
      ['2401.00023', null],
    ]);
  });
});
