/**
 * Tracked topics per channel. Identity (src/topics/identity.ts) ignores case, spacing and quote style
 * (`DPO` and `dpo`, `“kv cache”` and `"kv cache"` are one topic), while the text the user typed first
 * is what is listed. A hash maps identity → text, a sorted set keeps the order topics were added.
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import { topicIdentity } from '../../topics/identity.ts';
import type { TopicStore } from '../types.ts';
import { decodeChannel, encodeChannel, type Keys } from './keys.ts';
import { results } from './multi.ts';

// KEYS: text hash, order zset, sequence counter, channel registry. ARGV: identity, text, channel member.
const ADD = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
local seq = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('SADD', KEYS[4], ARGV[3])
return 1`;

// KEYS: text hash, order zset, channel registry. ARGV: identity, channel member.
const REMOVE = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[3], ARGV[2]) end
return 1`;

export function createTopicStore(redis: Redis, keys: Keys): TopicStore {
  const textKey = (c: ChannelAddress) => keys.channel(c, 'topics');
  const orderKey = (c: ChannelAddress) => keys.channel(c, 'topics:order');
  const seqKey = (c: ChannelAddress) => keys.channel(c, 'topics:seq');
  const registry = keys.global('topics:channels');

  async function listTopics(channel: ChannelAddress): Promise<string[]> {
    const [order, texts] = await redis.multi().zrange(orderKey(channel), 0, -1).hgetall(textKey(channel)).exec().then(results);
    const byIdentity = texts as Record<string, string>;
    return (order as string[]).flatMap((identity) => (byIdentity[identity] === undefined ? [] : [byIdentity[identity]!]));
  }

  return {
    listTopics,
    async addTopic(channel, topic) {
      const text = topic.trim();
      const added = await redis.eval(ADD, 4, textKey(channel), orderKey(channel), seqKey(channel), registry, topicIdentity(text), text, encodeChannel(channel));
      return added === 1;
    },
    async removeTopic(channel, topic) {
      const removed = await redis.eval(REMOVE, 3, textKey(channel), orderKey(channel), registry, topicIdentity(topic), encodeChannel(channel));
      return removed === 1;
    },
    async allTopics() {
      const members = await redis.smembers(registry);
      const channels = members.map(decodeChannel).filter((c): c is ChannelAddress => c !== null);
      const lists = await Promise.all(channels.map(async (channel) => ({ channel, topics: await listTopics(channel) })));
      return lists.filter((entry) => entry.topics.length > 0);
    },
  };
}
