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

  it('turns 5xx into a transient failure, without retrying itself', async () => {
    api.script('chat.postMessage', { status: 503, text: 'upstream down' });
    const error = await failure(port.post(channel, alert));
    expect(error.failure).toEqual({ kind: 'transient', reason: 'http_503' });
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

  it('treats an unknown Slack error as transient', async () => {
    api.script('chat.postMessage', { ok: false, error: 'internal_error' });
    const error = await failure(port.post(channel, alert));
    expect(error.failure).toEqual({ kind: 'transient', reason: 'internal_error' });
  });

  it('treats a timeout as transient', async () => {
    api.script('chat.postMessage', { hang: true });
    const error = await failure(port.post(channel, alert));
    expect(error.failure.kind).toBe('transient');
  });

  it('treats a refused connection as transient', async () => {
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

describe('classifySlackError', () => {
  it('treats anything unrecognised as transient, with its message', () => {
    expect(classifySlackError(new Error('socket hang up'))).toEqual({ kind: 'transient', reason: 'socket hang up' });
  });
});
