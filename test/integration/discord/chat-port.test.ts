/** DiscordChatPort against the fake Discord REST API: what is posted, and how failures are classified. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { DiscordChatPort, deliveryNonce, snowflakeAt } from '../../../adapters/discord/chat-port.ts';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import type { Message } from '../../../src/messages/message.ts';
import { DeliveryError } from '../../../src/ports.ts';
import { MISSING_ACCESS, UNKNOWN_CHANNEL, rateLimited, startFakeDiscordApi, type FakeDiscordApi } from './fake-discord-api.ts';
import { assertWithinLimits } from '../../unit/discord/limits.ts';

const channel: ChannelAddress = { platform: 'discord', workspace: '536204621765672974', channel: '1000523254928257125' };
const alert: Message = {
  visibility: 'ephemeral',
  summary: 'New paper for "moe"',
  blocks: [
    { type: 'header', text: 'New paper for @everyone tracking moe' },
    { type: 'card', card: { title: 'Switch Transformers <@&1>', url: 'https://arxiv.org/abs/2101.03961', text: 'x'.repeat(9000) } },
    { type: 'actions', buttons: [{ label: 'Add to club', command: 'club add 2101.03961' }] },
  ],
};

let api: FakeDiscordApi;
beforeEach(async () => {
  api = await startFakeDiscordApi();
});
afterEach(async () => {
  await api.close();
});

function port(token: string | null = 'bot-token', timeoutMs?: number): DiscordChatPort {
  return new DiscordChatPort({ apiUrl: api.url, ...(token ? { token } : {}), buttons: new ButtonCommandStore(), ...(timeoutMs ? { timeoutMs } : {}) });
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('DiscordChatPort', () => {
  it('posts a public message with the bot token and no mentions allowed', async () => {
    const result = await port().post(channel, alert);
    expect(result.messageId).toMatch(/^\d+$/);
    expect(api.calls).toHaveLength(1);
    const [call] = api.calls;
    expect(call!.method).toBe('POST');
    expect(call!.route).toBe(`/channels/${channel.channel}/messages`);
    expect(call!.authorization).toBe('Bot bot-token');
    const body = call!.body as { flags?: number; content: string; components: unknown[] };
    expect(body.flags).toBeUndefined();
    assertWithinLimits(body);
    expect(body.content).toContain('@\u200beveryone');
    expect(body.components).toHaveLength(1);
  });

  it('turns a 429 into rate_limited with Retry-After, without retrying', async () => {
    api.fail(/\/messages$/, rateLimited(2));
    const error = await failure(port().post(channel, alert));
    expect(error.failure).toEqual({ kind: 'rate_limited', retryAfterMs: 2000 });
    expect(api.calls).toHaveLength(1);
  });

  it('turns a 5xx into uncertain (the message may exist), without retrying', async () => {
    api.fail(/\/messages$/, { status: 502, body: { message: 'Bad Gateway' } });
    const error = await failure(port().post(channel, alert));
    expect(error.failure.kind).toBe('uncertain');
    expect(error.message).toContain(`discord:${channel.workspace}/${channel.channel}`);
    expect(api.calls).toHaveLength(1);
  });

  it('turns Missing Access and Unknown Channel into permanent failures', async () => {
    api.fail(/\/messages$/, MISSING_ACCESS);
    const denied = await failure(port().post(channel, alert));
    expect(denied.failure).toMatchObject({ kind: 'permanent' });
    expect((denied.failure as { reason: string }).reason).toContain('Missing Access');
    api.fail(/\/messages$/, UNKNOWN_CHANNEL);
    const gone = await failure(port().post(channel, alert));
    expect((gone.failure as { reason: string }).reason).toContain('Unknown Channel');
    expect(api.calls).toHaveLength(2);
  });

  it('treats a refused connection as transient', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as { port: number };
        s.close(() => resolve(p));
      });
    });
    const offline = new DiscordChatPort({ apiUrl: `http://127.0.0.1:${closed}`, token: 't', buttons: new ButtonCommandStore() });
    const error = await failure(offline.post(channel, alert));
    expect(error.failure.kind).toBe('transient');
  });

  it('sends the delivery id as an enforced nonce; a repeat returns the first message and creates none', async () => {
    const first = await port().post(channel, alert, { deliveryId: 'alert:2101.03961' });
    const again = await port().post(channel, alert, { deliveryId: 'alert:2101.03961' });
    expect(again.messageId).toBe(first.messageId);
    expect(api.messages(channel.channel)).toHaveLength(1);
    const body = api.calls[0]!.body as { nonce: string; enforce_nonce: boolean };
    expect(body).toMatchObject({ nonce: deliveryNonce(channel.channel, 'alert:2101.03961'), enforce_nonce: true });
    expect(deliveryNonce(channel.channel, 'alert:2101.03961').length).toBeLessThanOrEqual(25);
  });

  it('gives the same delivery id in two channels different nonces (Discord checks nonces per bot, across channels)', async () => {
    const second: ChannelAddress = { ...channel, channel: '1000523254928257999' };
    const a = await port().post(channel, alert, { deliveryId: 'alert:2101.03961' });
    const b = await port().post(second, alert, { deliveryId: 'alert:2101.03961' });
    expect(b.messageId).not.toBe(a.messageId);
    expect(api.messages(channel.channel)).toHaveLength(1);
    expect(api.messages(second.channel)).toHaveLength(1);
  });

  it('treats a timeout as uncertain and a dropped connection as uncertain: the post may have landed', async () => {
    api.behave({ slow: 1000 }, { drop: true });
    expect((await failure(port('bot-token', 200).post(channel, alert))).failure.kind).toBe('uncertain');
    expect((await failure(port().post(channel, alert))).failure.kind).toBe('uncertain');
    expect(api.messages(channel.channel)).toHaveLength(2);
  });

  it('finds the bot\'s own earlier post among the messages after the attempt, by its content', async () => {
    const since = new Date();
    const { messageId } = await port().post(channel, alert, { deliveryId: 'd1' });
    const other: Message = { ...alert, summary: 'something else', blocks: [{ type: 'text', text: 'unrelated' }] };
    await port().post(channel, other);
    expect(await port().findDelivery(channel, { deliveryId: 'd1', message: alert, since })).toEqual({ found: true, messageId });
    const listing = api.callsTo(/\/messages$/, 'GET')[0]!;
    expect(BigInt(listing.query.get('after')!)).toBeLessThanOrEqual(BigInt(snowflakeAt(since.getTime())));
    expect(await port().findDelivery(channel, { deliveryId: 'd2', message: { ...alert, summary: 'never posted', blocks: [{ type: 'text', text: 'nope' }] }, since })).toEqual({ found: false, complete: true });
  });

  it('cannot tell without Read Message History, and says so', async () => {
    await api.close();
    api = await startFakeDiscordApi({ readHistory: false });
    const result = await port().findDelivery(channel, { deliveryId: 'd1', message: alert, since: new Date() });
    expect(result).toMatchObject({ found: false, complete: false });
  });

  it('fails permanently without a bot token or for another platform, calling nothing', async () => {
    expect((await failure(port(null).post(channel, alert))).failure.kind).toBe('permanent');
    expect((await failure(port().post({ platform: 'slack', workspace: 'T1', channel: 'C1' }, alert))).failure.kind).toBe('permanent');
    expect(api.calls).toEqual([]);
  });
});

describe('DiscordChatPort threads', () => {
  it('starts a thread from a message once (a retry finds the same thread), posts into it, and knows its parent', async () => {
    const p = port();
    const { messageId } = await p.post(channel, alert, { deliveryId: 'club-announce:s1' });
    const long = `Session 1: ${'Attention '.repeat(20)}`;
    const { threadId } = await p.openThread(channel, messageId, { name: long });
    expect(threadId).toBe(messageId);
    const [thread] = api.threads();
    expect(thread!.name.length).toBeLessThanOrEqual(100);
    expect(thread!.name.endsWith('…')).toBe(true);
    // The answer was lost and the job retries: Discord refuses a second thread (160004); it is the same one.
    expect(await p.openThread(channel, messageId, { name: 'again' })).toEqual({ threadId: messageId });
    expect(api.threads()).toHaveLength(1);

    const since = new Date(Date.now() - 1000);
    const opener: Message = { visibility: 'in_channel', summary: 'Discussion', blocks: [{ type: 'text', text: 'Discussion of the paper' }] };
    const { messageId: reply } = await p.post(channel, opener, { deliveryId: 'club-thread:s1', threadId });
    expect(api.messages(threadId).map((m) => m.id)).toEqual([reply]);
    expect(await p.findDelivery(channel, { deliveryId: 'club-thread:s1', message: opener, since, threadId })).toEqual({ found: true, messageId: reply });
    expect(await p.threadParent(threadId)).toBe(channel.channel);
    expect(await p.threadParent(channel.channel)).toBeNull();
    const lookups = api.callsTo(/^\/channels\/[^/]+$/, 'GET').length;
    expect(await p.threadParent(threadId)).toBe(channel.channel);
    expect(api.callsTo(/^\/channels\/[^/]+$/, 'GET')).toHaveLength(lookups);
  });

  it('a channel where the bot may not start threads is a permanent failure, a 5xx an uncertain one', async () => {
    const p = port();
    const { messageId } = await p.post(channel, alert);
    api.fail(/\/threads$/, { status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    expect((await failure(p.openThread(channel, messageId, { name: 'x' }))).failure.kind).toBe('permanent');
    api.fail(/\/threads$/, { status: 502 });
    expect((await failure(p.openThread(channel, messageId, { name: 'x' }))).failure.kind).toBe('uncertain');
    expect(await p.openThread(channel, messageId, { name: 'x' })).toEqual({ threadId: messageId });
  });
});
