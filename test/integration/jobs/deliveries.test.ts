/**
 * The delivery module's own API (what alerts and digests use, and club sessions will): post a Message
 * exactly once under a caller's delivery id and get the platform's message id, over real HTTP into the
 * fake Slack API and real Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createDeliveryWebClient, SlackChatPort } from '../../../adapters/slack/chat-port.ts';
import { createDeliveries, DeliveryFailed, DeliveryWait } from '../../../jobs/delivery/deliveries.ts';
import { silentLogger } from '../../../src/log.ts';
import type { Message } from '../../../src/messages/message.ts';
import { createRedisStore } from '../../../src/store/redis/index.ts';
import { deleteKeysWithPrefix, randomPrefix } from '../../helpers/redis.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../slack/fake-slack-api.ts';
import { slackChannel } from './harness.ts';

const message = (text: string): Message => ({ visibility: 'in_channel', summary: text, blocks: [{ type: 'text', text }] });

let api: FakeSlackApi;
let redis: Redis;
const prefix = randomPrefix('deliveries');
const log = silentLogger();

beforeAll(async () => {
  api = await startFakeSlackApi();
  redis = new Redis({ host: '127.0.0.1', port: 6379 });
});
afterAll(async () => {
  await api.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

function deliveries(options: { timeoutMs?: number; intervalMs?: number } = {}) {
  const slack = new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-test', apiUrl: api.apiUrl, log, timeoutMs: options.timeoutMs ?? 2000 }), log);
  return createDeliveries({
    redis,
    prefix,
    chat: { slack },
    channels: createRedisStore(redis, prefix, { ownsConnection: false }),
    tuning: { intervalMs: { slack: options.intervalMs ?? 300, discord: 300, console: 0 }, leaseMs: 3000, settleMs: 100 },
    log,
  });
}

describe('deliveries.send', () => {
  it('posts once under a delivery id and returns the message id; later calls return the same id', async () => {
    const d = deliveries();
    const channel = slackChannel('C-session');
    const first = await d.send({ channel, id: 'session:42:announce', message: message('Paper club on Friday') });
    expect(first).toMatchObject({ kind: 'posted', via: 'post' });
    const again = await d.send({ channel, id: 'session:42:announce', message: message('a different text is ignored') });
    expect(again).toMatchObject({ kind: 'posted', via: 'record', messageId: first.kind === 'posted' ? first.messageId : '' });
    expect(api.messages('C-session').map((m) => m.text)).toEqual(['Paper club on Friday']);
  });

  it('builds a message lazily, once, and hands back the builder\'s notes with every outcome', async () => {
    const d = deliveries();
    const channel = slackChannel('C-lazy');
    let built = 0;
    const build = async () => {
      built += 1;
      return { message: message(`built ${built}`), meta: { builtAt: '2025-04-28T12:00:00.000Z' } };
    };
    const first = await d.send({ channel, id: 'digest:run-1', message: build });
    const second = await d.send({ channel, id: 'digest:run-1', message: build });
    expect(built).toBe(1);
    expect(first.kind === 'posted' && first.meta).toEqual({ builtAt: '2025-04-28T12:00:00.000Z' });
    expect(second.kind === 'posted' && second.meta).toEqual({ builtAt: '2025-04-28T12:00:00.000Z' });
  });

  it('lets one of two concurrent senders of the same delivery post; the other is told to wait', async () => {
    const d = deliveries();
    const channel = slackChannel('C-race');
    const outcomes = await Promise.allSettled([d.send({ channel, id: 'x', message: message('once') }), d.send({ channel, id: 'x', message: message('once') })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(DeliveryWait);
    expect(api.messages('C-race')).toHaveLength(1);
  });

  it('keeps the pace between different deliveries into one channel, counted when each request is sent', async () => {
    const d = deliveries({ intervalMs: 400 });
    const channel = slackChannel('C-pace');
    await d.send({ channel, id: 'p1', message: message('one') });
    await expect(d.send({ channel, id: 'p2', message: message('two') })).rejects.toBeInstanceOf(DeliveryWait);
    await new Promise((r) => setTimeout(r, 450));
    await d.send({ channel, id: 'p2', message: message('two') });
    const [a, b] = api.messages('C-pace');
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(400);
  });

  it('reports a blocked channel without posting, and a permanent error blocks it', async () => {
    const d = deliveries();
    const channel = slackChannel('C-gone');
    api.script('chat.postMessage', { ok: false, error: 'channel_not_found' });
    await expect(d.send({ channel, id: 'g1', message: message('lost?') })).rejects.toBeInstanceOf(DeliveryFailed);
    expect(await d.send({ channel, id: 'g1', message: message('lost?') })).toEqual({ kind: 'blocked', reason: 'channel_not_found' });
    expect(api.messages('C-gone')).toEqual([]);
  });

  it('a post that timed out is settled before it is looked up, then found', async () => {
    const d = deliveries({ timeoutMs: 200 });
    const channel = slackChannel('C-slow');
    api.script('chat.postMessage', { slow: 600 });
    const failed = await d.send({ channel, id: 's1', message: message('slow') }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryFailed);
    expect((failed as DeliveryFailed).failure.kind).toBe('uncertain');
    const found = await d.send({ channel, id: 's1', message: message('slow') });
    expect(found).toMatchObject({ kind: 'posted', via: 'lookup' });
    expect(api.messages('C-slow')).toHaveLength(1);
  });
});
