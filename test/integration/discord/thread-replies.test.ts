/**
 * Questions from a club session's thread on Discord: MESSAGE_CREATE dispatches as the gateway delivers
 * them (content blanked unless the bot is mentioned, or the Message Content intent is on), through the
 * handler the gateway calls, with the thread's channel looked up on the fake Discord API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordChatPort } from '../../../adapters/discord/chat-port.ts';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { createThreadReplyHandler, type MessageCreate, type ThreadMessageHandler } from '../../../adapters/discord/thread-replies.ts';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { silentLogger } from '../../../src/log.ts';
import { createTestRedisStore, type TestRedisStore } from '../../helpers/redis.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from './fake-discord-api.ts';

let api: FakeDiscordApi;
let redis: TestRedisStore;
let handle: ThreadMessageHandler;
let threadId: string;
const channel: ChannelAddress = { platform: 'discord', workspace: '1000000000000000001', channel: '1000523254928257125' };
const ada = { id: '333', username: 'ada', global_name: 'Ada' };

beforeAll(async () => {
  api = await startFakeDiscordApi();
  redis = await createTestRedisStore('discord-threads');
  const port = new DiscordChatPort({ apiUrl: api.url, token: 'bot-token', buttons: new ButtonCommandStore() });
  const { messageId } = await port.post(channel, { visibility: 'in_channel', summary: 'Paper club', blocks: [{ type: 'text', text: 'Paper club: session 1' }] });
  ({ threadId } = await port.openThread(channel, messageId, { name: 'Session 1: LoRA' }));
  await redis.store.recordAnnouncement(channel, 1, { sessionAt: new Date().toISOString(), postedAt: new Date().toISOString(), messageId, threadId });
  handle = createThreadReplyHandler({ store: redis.store, threadParent: (id) => port.threadParent(id), log: silentLogger() });
});
afterAll(async () => {
  await api.close();
  await redis.cleanup();
});

const dispatch = (payload: Record<string, unknown>) => handle(payload as unknown as MessageCreate, api.botUserId);

describe('Discord thread replies', () => {
  it('without the Message Content intent: only a question that mentions the bot is readable, and collected once', async () => {
    expect(await dispatch(api.userMessage(threadId, ada, 'what about the rank?'))).toBe('ignored');
    const mentioned = api.userMessage(threadId, ada, `<@${api.botUserId}> what about the rank? @everyone`);
    expect(mentioned['content']).not.toBe('');
    expect(await dispatch(mentioned)).toBe('added');
    // The gateway may deliver a dispatch again after a resume: the message id is remembered.
    expect(await dispatch(mentioned)).toBe('duplicate');
    const questions = await redis.store.questions(channel);
    expect(questions.map((q) => [q.member, q.text, q.source])).toEqual([[{ id: '333', name: 'Ada' }, 'what about the rank? @everyone', 'thread']]);
  });

  it('with the intent: every reply that asks something; chatter, bots and other channels are not questions', async () => {
    expect(await dispatch(api.userMessage(threadId, ada, 'and the learning rate?', { messageContent: true }))).toBe('added');
    expect(await dispatch(api.userMessage(threadId, ada, 'nice paper', { messageContent: true }))).toBe('ignored');
    const bot = { ...api.userMessage(threadId, ada, 'a bot asks?', { messageContent: true }), author: { id: '9', username: 'other-bot', bot: true } };
    expect(await dispatch(bot)).toBe('ignored');
    expect(await dispatch(api.userMessage(channel.channel, ada, `<@${api.botUserId}> is this a thread?`))).toBe('ignored');
    expect((await redis.store.questions(channel)).map((q) => q.text)).toEqual(['what about the rank? @everyone', 'and the learning rate?']);
  });
});
