/**
 * The club calendar on the bot's one HTTP server: the real server (bin/http-server.ts) with the feed
 * route, a real Redis store, the seed library. A token serves its channel's sessions as text/calendar;
 * anything else, and a rotated token, is a plain 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_ROUTE_PREFIX, clubCalendarRoute } from '../../../bin/club-wiring.ts';
import { startHttpServer, type RunningHttpServer } from '../../../bin/http-server.ts';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { makeClubSchedule } from '../../../src/club/schedule.ts';
import { calendarToken, rotateCalendarToken } from '../../../src/club/service.ts';
import { silentLogger } from '../../../src/log.ts';
import { systemClock } from '../../../src/ports.ts';
import { createTestServices, type TestServices } from '../../helpers/services.ts';

let http: RunningHttpServer;
let test: TestServices;
const channel: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'CCAL' };

beforeAll(async () => {
  test = await createTestServices({ scope: 'calendar-route' });
  const { library, store } = test.services;
  http = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: { [CALENDAR_ROUTE_PREFIX]: clubCalendarRoute({ store, library, initial: library.readingOrder(), clock: systemClock, log: silentLogger() }) },
    health: async () => ({ ok: true }),
    log: silentLogger(),
  });
});
afterAll(async () => {
  await http.close();
  await test.cleanup();
});

describe('GET /club/calendar/<token>.ics', () => {
  it('serves the channel\'s sessions as text/calendar, and nothing for a token rotated away', async () => {
    const { store } = test.services;
    const schedule = makeClubSchedule({ weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin' }, new Date());
    if (!schedule.ok) throw new Error(schedule.error);
    await store.setClubSchedule(channel, schedule.value);
    await store.claim(channel, '1706.03762', { id: 'UBOB', name: 'bob' }, new Date());
    const token = await calendarToken(store, channel);

    const res = await fetch(`${http.url}/club/calendar/${token}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await res.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(body).toContain('SUMMARY:Paper club: Attention Is All You Need');
    expect(body).toContain('Presenter: bob');
    expect(body).toContain('X-WR-TIMEZONE:Europe/Berlin');
    const head = await fetch(`${http.url}/club/calendar/${token}.ics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${http.url}/club/calendar/${token}.ics`, { method: 'POST' })).status).toBe(405);

    const fresh = await rotateCalendarToken(store, channel);
    expect((await fetch(`${http.url}/club/calendar/${token}.ics`)).status).toBe(404);
    expect((await fetch(`${http.url}/club/calendar/${fresh}.ics`)).status).toBe(200);
  });

  it('answers 404 alike for an unknown, a malformed or a missing token', async () => {
    for (const path of [`/club/calendar/${'A'.repeat(32)}.ics`, '/club/calendar/%2E%2E%2Fhealthz.ics', '/club/calendar/x.ics', '/club/calendar/', '/club/calendar']) {
      const res = await fetch(`${http.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('text/plain');
    }
  });
});
