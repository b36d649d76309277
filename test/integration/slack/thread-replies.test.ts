/**
 * Questions from a club session's discussion thread on Slack: a member's reply arrives as a signed
 * `message` event (built on a recorded Events API envelope), the real adapter collects the replies that
 * ask something, once even when Slack redelivers the event, and ignores everything else.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { messageEventEnvelope, signedHeaders, startSlackHarness, type SlackHarness } from './harness.ts';

let h: SlackHarness;
let parent: string;
const channel: ChannelAddress = { platform: 'slack', workspace: 'T111', channel: 'C111' };

const messageEvent = messageEventEnvelope;

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

beforeAll(async () => {
  h = await startSlackHarness();
  // The announcement and its thread, as the announcement job leaves them.
  ({ messageId: parent } = await h.adapter.chat.post(channel, { visibility: 'in_channel', summary: 'Paper club', blocks: [{ type: 'text', text: 'Paper club: session 1' }] }));
  await h.services.store.recordAnnouncement(channel, 1, { sessionAt: new Date().toISOString(), postedAt: new Date().toISOString(), messageId: parent, threadId: parent });
});
afterAll(async () => {
  await h.close();
});

it('collects a reply that asks something, once, even when Slack redelivers the event', async () => {
  const reply = h.api.userMessage('C111', 'W222', 'Why does <@W111> say the rank is &lt;b&gt;low&lt;/b&gt; &amp; enough?', parent);
  const envelope = messageEvent(reply, { user_profile: { display_name: 'ada', real_name: 'Ada L.' } });
  expect((await h.event(envelope)).status).toBe(200);
  await until(async () => (await h.services.store.questions(channel)).length > 0);
  // Slack retries an event it thinks failed: a new signature, the same message.
  const body = JSON.stringify(envelope);
  expect((await h.post(body, { ...signedHeaders(body, 'application/json', { timestamp: Math.floor(Date.now() / 1000) + 1 }), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
  await new Promise((r) => setTimeout(r, 100));
  const questions = await h.services.store.questions(channel);
  expect(questions).toHaveLength(1);
  expect(questions[0]).toMatchObject({ member: { id: 'W222', name: 'ada' }, text: 'Why does @W111 say the rank is <b>low</b> & enough?', source: 'thread', sourceId: reply.ts });
});

it('ignores chatter, top-level messages, bots, edits and threads the club did not open', async () => {
  const before = (await h.services.store.questions(channel)).length;
  const chatter = h.api.userMessage('C111', 'W333', 'great paper', parent);
  const topLevel = h.api.userMessage('C111', 'W333', 'is anyone there?');
  const other = h.api.userMessage('C111', 'W333', 'another thread?', topLevel.ts);
  const fromBot = h.api.userMessage('C111', 'W333', 'a bot asks?', parent);
  for (const envelope of [messageEvent(chatter), messageEvent(topLevel), messageEvent(other), messageEvent(fromBot, { bot_id: 'B999' }), messageEvent(fromBot, { subtype: 'message_changed' })]) {
    expect((await h.event(envelope)).status).toBe(200);
  }
  const asked = h.api.userMessage('C111', 'W333', 'and the *learning rate*?', parent);
  await h.event(messageEvent(asked));
  await until(async () => (await h.services.store.questions(channel)).length > before);
  expect((await h.services.store.questions(channel)).map((q) => q.text).slice(before)).toEqual(['and the *learning rate*?']);
});
