import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { redisFixture, type RedisFixture } from './redis-fixture.ts';

const a: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const b: ChannelAddress = { platform: 'console', workspace: '', channel: 'local' };
const monday = { weekday: 1, hour: 9, minute: 30, timeZone: 'Europe/Berlin' };

describe('schedule store (Redis)', () => {
  let f: RedisFixture;
  beforeEach(async () => {
    f = await redisFixture();
  });
  afterEach(async () => {
    await f.teardown();
  });

  it('sets, replaces, reads and clears a schedule', async () => {
    expect(await f.store.getSchedule(a)).toBeNull();
    await f.store.setSchedule(a, monday);
    expect(await f.store.getSchedule(a)).toEqual(monday);
    const friday = { weekday: 5, hour: 17, minute: 0, timeZone: 'America/New_York' };
    await f.store.setSchedule(a, friday);
    expect(await f.store.getSchedule(a)).toEqual(friday);
    expect(await f.store.clearSchedule(a)).toBe(true);
    expect(await f.store.clearSchedule(a)).toBe(false);
    expect(await f.store.getSchedule(a)).toBeNull();
  });

  it('lists every scheduled channel', async () => {
    expect(await f.store.allSchedules()).toEqual([]);
    await f.store.setSchedule(a, monday);
    await f.store.setSchedule(b, { ...monday, weekday: 0 });
    const all = await f.store.allSchedules();
    expect(all).toHaveLength(2);
    expect(all).toContainEqual({ channel: a, schedule: monday });
    expect(all).toContainEqual({ channel: b, schedule: { ...monday, weekday: 0 } });
    await f.store.clearSchedule(b);
    expect(await f.store.allSchedules()).toEqual([{ channel: a, schedule: monday }]);
  });

  it('refuses to store an impossible schedule', async () => {
    await expect(f.store.setSchedule(a, { ...monday, hour: 24 })).rejects.toThrow();
    expect(await f.store.getSchedule(a)).toBeNull();
  });

  it('ignores a corrupted stored value instead of crashing', async () => {
    await f.store.setSchedule(a, monday);
    await f.redis.set(`${f.prefix}:ch:slack:T1:C1:digest:schedule`, '{"weekday":"monday"');
    expect(await f.store.getSchedule(a)).toBeNull();
    expect(await f.store.allSchedules()).toEqual([]);
  });
});
