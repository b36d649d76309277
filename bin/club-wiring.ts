/**
 * What `npm start` wires for the club: the announcement planner commands use until the job runtime runs
 * (a friendly refusal before), and the iCalendar feeds on the bot's one HTTP server.
 *
 * The feeds: GET /club/calendar/<token>.ics answers the
 * channel's sessions as `text/calendar; charset=utf-8`, or 404 for a malformed, unknown or rotated token
 * (the same answer for each, so a guess learns nothing). The token is the only secret: the route needs
 * no other authentication, and calendar apps can subscribe without logging in.
 */
import type { HttpRoute } from '../adapters/types.ts';
import { CALENDAR_CONTENT_TYPE, tokenFromCalendarPath } from '../src/club/calendar-token.ts';
import { calendarFeed, type CalendarFeedDeps } from '../src/club/service.ts';
import { isPaperclubError, PaperclubError } from '../src/errors.ts';
import type { Logger } from '../src/log.ts';
import type { ClubAnnouncements, Clock } from '../src/ports.ts';

/** The announcement planner: the job runtime's once it runs; until then `club schedule` says why it cannot. */
export function announcementsUntilJobsRun(reason: () => string): ClubAnnouncements & { use(next: ClubAnnouncements): void } {
  let current: ClubAnnouncements | null = null;
  const fail = async (): Promise<never> => {
    throw new PaperclubError('storage_unavailable', `Club sessions are announced by the job runner, which needs Redis and is not running: ${reason()}`);
  };
  return {
    follow: (channel) => (current ? current.follow(channel) : fail()),
    cancel: (channel) => (current ? current.cancel(channel) : fail()),
    use(next) {
      current = next;
    },
  };
}

/** Mounted as a prefix (`/*`): every path below it is a feed (bin/http-server.ts). */
export const CALENDAR_ROUTE_PREFIX = '/club/calendar/*';

export function clubCalendarRoute(deps: CalendarFeedDeps & { clock: Clock; log: Logger }): HttpRoute {
  return async (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('GET only');
      return;
    }
    const token = tokenFromCalendarPath(new URL(req.url ?? '/', 'http://localhost').pathname);
    let feed;
    try {
      feed = token === null ? null : await calendarFeed(deps, token, deps.clock.now());
    } catch (error) {
      if (isPaperclubError(error) && error.code === 'storage_unavailable') {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '60' }).end('the club calendar needs Redis, which is not answering; try again later');
        return;
      }
      throw error;
    }
    if (feed === null) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such calendar');
      return;
    }
    deps.log.debug({ platform: feed.channel.platform }, 'club calendar served');
    res.writeHead(200, {
      'content-type': CALENDAR_CONTENT_TYPE,
      'content-disposition': 'inline; filename="paperclub.ics"',
      // Apps refetch every few hours (the feed says so); a proxy must not share one club's feed.
      'cache-control': 'private, max-age=300',
    });
    res.end(method === 'HEAD' ? undefined : feed.body);
  };
}
