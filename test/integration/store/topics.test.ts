import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { redisFixture, type RedisFixture } from './redis-fixture.ts';

const general: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const other: ChannelAddress = { platform: 'discord', workspace: 'G1', channel: 'C1' };

describe('topic store (Redis)', () => {
  let f: RedisFixture;
  beforeEach(async () => {
    f = await redisFixture();
  });
  afterEach(async () => {
    await f.teardown();
  });

  it('lists topics in the order they were added, as typed', async () => {
    expect(await f.store.addTopic(general, '"mixture of experts"')).toBe(true);
    expect(await f.store.addTopic(general, 'cat:cs.CL')).toBe(true);
    expect(await f.store.addTopic(general, 'DPO')).toBe(true);
    expect(await f.store.listTopics(general)).toEqual(['"mixture of experts"', 'cat:cs.CL', 'DPO']);
    expect(await f.store.listTopics(other)).toEqual([]);
  });

  it('treats case and whitespace variants as the same topic', async () => {
    expect(await f.store.addTopic(general, 'DPO')).toBe(true);
    expect(await f.store.addTopic(general, '  dpo ')).toBe(false);
    expect(await f.store.addTopic(general, 'sparse  experts')).toBe(true);
    expect(await f.store.addTopic(general, 'Sparse experts')).toBe(false);
    expect(await f.store.listTopics(general)).toEqual(['DPO', 'sparse  experts']);
    expect(await f.store.removeTopic(general, 'SPARSE EXPERTS')).toBe(true);
    expect(await f.store.listTopics(general)).toEqual(['DPO']);
  });

  it('treats typographic and straight quotes, single and double, as the same topic', async () => {
    expect(await f.store.addTopic(general, '“speculative decoding”')).toBe(true);
    expect(await f.store.addTopic(general, "'Speculative decoding'")).toBe(false);
    expect(await f.store.listTopics(general)).toEqual(['“speculative decoding”']);
    expect(await f.store.removeTopic(general, '"speculative decoding"')).toBe(true);
    expect(await f.store.listTopics(general)).toEqual([]);
    expect(await f.store.addTopic(general, 'rope AND "long context"')).toBe(true);
    expect(await f.store.removeTopic(general, 'rope  "long context"')).toBe(true);
  });

  it('removes a topic once and reports whether it was tracked', async () => {
    await f.store.addTopic(general, 'rope');
    expect(await f.store.removeTopic(general, 'rope')).toBe(true);
    expect(await f.store.removeTopic(general, 'rope')).toBe(false);
    expect(await f.store.removeTopic(other, 'rope')).toBe(false);
    expect(await f.store.listTopics(general)).toEqual([]);
  });

  it('keeps the order after a topic is removed and added again', async () => {
    await f.store.addTopic(general, 'a');
    await f.store.addTopic(general, 'b');
    await f.store.removeTopic(general, 'a');
    await f.store.addTopic(general, 'a');
    expect(await f.store.listTopics(general)).toEqual(['b', 'a']);
  });

  it('lists every channel that tracks something, and drops channels that no longer do', async () => {
    const console_: ChannelAddress = { platform: 'console', workspace: '', channel: 'local' };
    await f.store.addTopic(general, 'lora');
    await f.store.addTopic(other, 'moe');
    await f.store.addTopic(other, 'cat:cs.LG');
    await f.store.addTopic(console_, 'rope');
    await f.store.removeTopic(console_, 'rope');
    const all = await f.store.allTopics();
    const sorted = [...all].sort((a, b) => a.channel.platform.localeCompare(b.channel.platform));
    expect(sorted).toEqual([
      { channel: other, topics: ['moe', 'cat:cs.LG'] },
      { channel: general, topics: ['lora'] },
    ]);
  });

  it('adds each topic exactly once under concurrent adds', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => f.store.addTopic(general, 'Flash Attention')));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await f.store.listTopics(general)).toEqual(['Flash Attention']);
  });

  it('keys channel state under <prefix>:ch:<platform>:<workspace>:<channel>:', async () => {
    await f.store.addTopic(general, 'lora');
    const keys = await f.keys();
    expect(keys).toContain(`${f.prefix}:ch:slack:T1:C1:topics`);
    expect(keys.filter((k) => k.startsWith(`${f.prefix}:ch:`)).every((k) => k.startsWith(`${f.prefix}:ch:slack:T1:C1:`))).toBe(true);
  });
});
