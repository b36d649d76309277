/**
 * SlackChatPort against a local fake Slack Web API over real HTTP: what it sends, and how each kind
 * of failure becomes a DeliveryError the job layer can act on.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackChatPort, classifySlackError, createDeliveryWebClient } from '../../../adapters/slack/chat-port.ts';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { silentLogger } from '../../../src/log.ts';
import type { Message } from '../../../src/messages/message.ts';
import { DeliveryError } from '../../../src/ports.ts';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.ts';

const channel: ChannelAddress = { platform: 'slack', workspace: 'T111', channel: 'C111' };
const alert: Message = {
  visibility: 'in_channel',
  summary: 'New paper on <!channel> tracking',
  blocks: [
    { type: 'card', card: { title: 'A <!channel> title', url: 'https://arxiv.org/abs/2106.09685', subtitle: 'Hu et al.' } },
    { type: 'actions', buttons: [{ label: 'Share', command: 'show 2106.09685', share: true }, { label: 'Add to club', command: 'club add 2106.09685' }] },
  ],
};

let api: FakeSlackApi;
let port: SlackChatPort;

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw new Error(`expected a DeliveryError, got ${String(error)}`);
  }
  throw new Error('expected the post to fail');
}

beforeAll(async () => {
  api = await startFakeSlackApi();
  port = new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-test', apiUrl: api.apiUrl, log: silentLogger(), timeoutMs: 2000 }), silentLogger());
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => api.reset());

describe('SlackChatPort.post', () => {
  it('posts rendered blocks with chat.postMessage and returns the ts', async () => {
    const { messageId } = await port.post(channel, alert);
    const [call] = api.callsTo('chat.postMessage');
    expect(call?.authorization).toBe('Bearer xoxb-test');
    expect(call?.body.channel).toBe('C111');
    expect(call?.body.text).toBe('New paper on &lt;!channel&gt; tracking');
    expect(call?.body.unfurl_links).toBe('false');
    expect(messageId).toMatch(/^\d+\.\d+$/);
    const blocks = call?.body.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ value: string }> }>;
    expect(blocks[0]?.text?.text).toContain('A &lt;!channel&gt; title');
    // A channel post carries no "share" button.
    expect(blocks[1]?.elements?.map((e) => e.value)).toEqual(['club add 2106.09685']);
  });

  it('turns 429 + Retry-After into rate_limited with the delay in ms, without retrying itself', async () => {
    api.script('chat.postMessage', { status: 429, headers: { 'retry-after': '7' }, json: { ok: false, error: 'ratelimited' } });
    const error = await failure(port.post(channel, alert));
    expect(error.failure).toEqual({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('turns 5xx into an uncertain outcome (a proxy may answer after Slack posted), without retrying itself', async () => {
    api.script('chat.postMessage', { status: 503, text: 'upstream down' });
    const error = await failure(port.post(channel, alert));
    expect(error.failure).toEqual({ kind: 'uncertain', reason: 'http_503' });
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'token_revoked', 'invalid_auth', 'missing_scope'])(
    'treats %s as permanent',
    async (code) => {
      api.script('chat.postMessage', { ok: false, error: code });
      const error = await failure(port.post(channel, alert));
      expect(error.failure).toEqual({ kind: 'permanent', reason: code });
      expect(error.message).toContain('slack:T111/C111');
    },
  );

  it('treats an unknown Slack error as transient, and Slack\'s own internal_error as uncertain', async () => {
    api.script('chat.postMessage', { ok: false, error: 'msg_too_long_for_today' }, { ok: false, error: 'internal_error' });
    expect((await failure(port.post(channel, alert))).failure).toEqual({ kind: 'transient', reason: 'msg_too_long_for_today' });
    expect((await failure(port.post(channel, alert))).failure).toEqual({ kind: 'uncertain', reason: 'internal_error' });
  });

  it('treats a timeout and a dropped connection as uncertain: the post may have landed', async () => {
    api.script('chat.postMessage', { slow: 3000 }, { drop: true });
    expect((await failure(port.post(channel, alert))).failure.kind).toBe('uncertain');
    expect((await failure(port.post(channel, alert))).failure.kind).toBe('uncertain');
    expect(api.messages('C111')).toHaveLength(2);
  });

  it('treats a refused connection as transient (nothing was sent)', async () => {
    const dead = await startFakeSlackApi();
    const url = dead.apiUrl;
    await dead.close();
    const offline = new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-test', apiUrl: url, log: silentLogger() }), silentLogger());
    const error = await failure(offline.post(channel, alert));
    expect(error.failure.kind).toBe('transient');
  });

  it('refuses a channel of another platform as permanent, without calling Slack', async () => {
    const error = await failure(port.post({ platform: 'discord', workspace: 'G1', channel: 'C1' }, alert));
    expect(error.failure).toEqual({ kind: 'permanent', reason: 'not_a_slack_channel' });
    expect(api.calls).toHaveLength(0);
  });
});

describe('SlackChatPort.findDelivery', () => {
  it('finds a post by the delivery id in its metadata, reading history since the attempt with include_all_metadata', async () => {
    const since = new Date();
    await port.post(channel, alert, { deliveryId: 'other-delivery' });
    const { messageId } = await port.post(channel, alert, { deliveryId: 'alert:2106.09685' });
    expect(await port.findDelivery(channel, { deliveryId: 'alert:2106.09685', message: alert, since })).toEqual({ found: true, messageId });
    const [call] = api.callsTo('conversations.history');
    expect(call!.body).toMatchObject({ channel: 'C111', include_all_metadata: 'true', inclusive: 'true', limit: '200' });
    expect(Number(call!.body.oldest)).toBeLessThan(since.getTime() / 1000);
    expect(await port.findDelivery(channel, { deliveryId: 'never-posted', message: alert, since })).toEqual({ found: false, complete: true });
  });

  it('does not look before the attempt: older posts with the same id are outside the window', async () => {
    await port.post(channel, alert, { deliveryId: 'd-old' });
    const later = new Date(Date.now() + 5 * 60_000);
    expect(await port.findDelivery(channel, { deliveryId: 'd-old', message: alert, since: later })).toEqual({ found: false, complete: true });
  });

  it('cannot tell without the history scopes (missing_scope), nor in a channel it may not read', async () => {
    const noHistory = await startFakeSlackApi({ scopes: ['chat:write'] });
    try {
      const p = new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-test', apiUrl: noHistory.apiUrl, log: silentLogger() }), silentLogger());
      expect(await p.findDelivery(channel, { deliveryId: 'd', message: alert, since: new Date() })).toEqual({ found: false, complete: false, reason: 'conversations.history: missing_scope' });
      expect(await p.historyAccess()).toEqual({ ok: false, missing: ['channels:history', 'groups:history'] });
    } finally {
      await noHistory.close();
    }
    api.script('conversations.history', { ok: false, error: 'not_in_channel' });
    expect(await port.findDelivery(channel, { deliveryId: 'd', message: alert, since: new Date() })).toMatchObject({ found: false, complete: false });
    expect(await port.historyAccess()).toEqual({ ok: true });
  });

  it('passes a 429 on the lookup on as rate_limited with its Retry-After, and a gone channel as permanent', async () => {
    api.script('conversations.history', { status: 429, headers: { 'retry-after': '30' }, json: { ok: false, error: 'ratelimited' } }, { ok: false, error: 'channel_not_found' });
    expect((await failure(port.findDelivery(channel, { deliveryId: 'd', message: alert, since: new Date() }))).failure).toEqual({ kind: 'rate_limited', retryAfterMs: 30_000 });
    expect((await failure(port.findDelivery(channel, { deliveryId: 'd', message: alert, since: new Date() }))).failure).toEqual({ kind: 'permanent', reason: 'channel_not_found' });
  });

  it('reads further pages when the window holds more than one page, up to a bound', async () => {
    const since = new Date();
    const { messageId } = await port.post(channel, alert, { deliveryId: 'first' });
    for (let i = 0; i < 210; i++) await port.post(channel, { ...alert, summary: `filler ${i}` });
    expect(await port.findDelivery(channel, { deliveryId: 'first', message: alert, since })).toEqual({ found: true, messageId });
    expect(api.callsTo('conversations.history')).toHaveLength(2);
  });
});

describe('classifySlackError', () => {
  it('treats anything unrecognised as uncertain, with its message (never assume nothing was posted)', () => {
    expect(classifySlackError(new Error('socket hang up'))).toEqual({ kind: 'uncertain', reason: 'socket hang up' });
  });
});

describe('SlackChatPort threads', () => {
  it('replies under a message (thread_ts), and finds a lost reply in the thread, not in the channel history', async () => {
    const { messageId: parent } = await port.post(channel, alert, { deliveryId: 'club-announce:s1' });
    expect(await port.openThread(channel, parent)).toEqual({ threadId: parent });
    const since = new Date(Date.now() - 1000);
    const { messageId: reply } = await port.post(channel, { visibility: 'in_channel', summary: 'Discussion', blocks: [{ type: 'text', text: 'Discussion' }] }, { deliveryId: 'club-thread:s1', threadId: parent });
    expect(api.callsTo('chat.postMessage')[1]?.body.thread_ts).toBe(parent);
    expect(api.thread(channel.channel, parent).map((m) => m.ts)).toEqual([parent, reply]);
    // The channel's history has the parent (with its reply count) and not the reply.
    const inChannel = await port.findDelivery(channel, { deliveryId: 'club-thread:s1', message: alert, since });
    expect(inChannel).toEqual({ found: false, complete: true });
    expect(await port.findDelivery(channel, { deliveryId: 'club-thread:s1', message: alert, since, threadId: parent })).toEqual({ found: true, messageId: reply });
    expect(api.callsTo('conversations.replies').at(-1)?.body).toMatchObject({ channel: 'C111', ts: parent, include_all_metadata: 'true' });
    expect(await port.findDelivery(channel, { deliveryId: 'club-thread:other', message: alert, since, threadId: parent })).toEqual({ found: false, complete: true });
  });
});
