/**
 * Calendar feed tokens: the channel's token (a string under the channel) and a registry token →
 * channel, written together by one script, so a rotated token stops resolving the moment the new one
 * exists. A lookup also checks the channel still holds that token, so a stale registry entry is dead.
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import type { CalendarTokenStore } from '../types.ts';
import { clubKeys, clubRegistryKeys, decodeChannel, encodeChannel, type Keys } from './keys.ts';

// KEYS[1] the channel's token, KEYS[2] registry. ARGV[1] fresh token, ARGV[2] channel (encoded), ARGV[3] '1' to rotate.
const SET_TOKEN = `
local old = redis.call('GET', KEYS[1])
if old and ARGV[3] ~= '1' then return old end
if old then redis.call('HDEL', KEYS[2], old) end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return ARGV[1]`;

export function createCalendarTokenStore(redis: Redis, keys: Keys): CalendarTokenStore {
  const registry = clubRegistryKeys(keys).calendarTokens;
  const tokenKey = (c: ChannelAddress) => clubKeys(keys, c).calendarToken;

  return {
    async calendarToken(channel, fresh) {
      return (await redis.eval(SET_TOKEN, 2, tokenKey(channel), registry, fresh, encodeChannel(channel), '0')) as string;
    },
    async rotateCalendarToken(channel, fresh) {
      await redis.eval(SET_TOKEN, 2, tokenKey(channel), registry, fresh, encodeChannel(channel), '1');
    },
    async channelForCalendarToken(token) {
      if (token === '') return null;
      const member = await redis.hget(registry, token);
      const channel = member === null ? null : decodeChannel(member);
      if (channel === null) return null;
      return (await redis.get(tokenKey(channel))) === token ? channel : null;
    },
  };
}
