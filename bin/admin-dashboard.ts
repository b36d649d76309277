/**
 * The queue dashboard (bull-board) at /admin/queues, for operators. It exists only when ADMIN_TOKEN or
 * ADMIN_USER + ADMIN_PASSWORD is configured, and every request must carry them: `Authorization:
 * Bearer <ADMIN_TOKEN>`, or HTTP basic auth (a browser asks for it) with ADMIN_USER and ADMIN_PASSWORD,
 * or any user name and ADMIN_TOKEN as the password. Anything else gets 401 before anything is loaded.
 * Credentials are compared in constant time (SHA-256 of both sides, then timingSafeEqual, so neither
 * the content nor the length leaks through timing).
 *
 * bull-board and Express (its server adapter) take about 0.4 s to load, so they are imported on the
 * first authorised request, never at start-up. Read-only by default (ADMIN_READ_ONLY=on): the
 * dashboard then shows queues and jobs but offers no retry, remove, clean, promote or pause. Risks and
 * advice: docs/operations.md "The queue dashboard".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Queue } from 'bullmq';
import type { HttpRoute } from '../adapters/types.ts';
import type { Config } from '../src/config.ts';
import { everyMinuteAtMost, type Logger } from '../src/log.ts';

export const ADMIN_PATH = '/admin/queues';

export type AdminCredentials = { token?: string; user?: string; password?: string };

export function dashboardEnabled(admin: Config['admin']): boolean {
  return Boolean(admin.token || (admin.user && admin.password));
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
/** Equal in constant time whatever the lengths (both sides are hashed first). */
function same(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** True when the request's Authorization header carries valid credentials. */
export function authorised(header: string | undefined, credentials: AdminCredentials): boolean {
  if (!header) return false;
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return credentials.token !== undefined && same(value, credentials.token);
  if (scheme.toLowerCase() !== 'basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // Both checks always run, so a right user name with a wrong password takes as long as anything else.
  const byToken = credentials.token !== undefined && same(password, credentials.token);
  const byUser = credentials.user !== undefined && credentials.password !== undefined && same(user, credentials.user) && same(password, credentials.password);
  return byToken || byUser;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Builds bull-board over these queues (the first authorised request pays for the imports). */
async function buildBoard(queues: readonly Queue[], readOnly: boolean): Promise<NodeHandler> {
  const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/express'),
  ]);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: readOnly })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'paperclub queues' } },
  });
  // The adapter's router is an Express app: a plain (req, res) handler for paths below the base path.
  return serverAdapter.getRouter() as NodeHandler;
}

export interface AdminDashboardOptions {
  credentials: AdminCredentials;
  readOnly: boolean;
  /** The job runtime's queues, or null while it does not run (Redis not there yet). */
  queues: () => readonly Queue[] | null;
  log: Logger;
}

/** The route for ADMIN_PATH and everything below it. */
export function adminDashboardRoute(options: AdminDashboardOptions): HttpRoute {
  const { credentials, readOnly, log } = options;
  const refused = everyMinuteAtMost((suppressed: number, from: string | undefined) =>
    log.warn({ from, suppressed }, 'refused a request to the queue dashboard without valid credentials (repeats are counted, not logged)'),
  );
  let board: { queues: readonly Queue[]; handler: Promise<NodeHandler> } | null = null;

  return async (req, res) => {
    if (!authorised(req.headers.authorization, credentials)) {
      refused(req.socket.remoteAddress);
      res
        .writeHead(401, { 'www-authenticate': 'Basic realm="paperclub admin", charset="UTF-8"', 'content-type': 'text/plain', 'cache-control': 'no-store' })
        .end('credentials required');
      return;
    }
    const queues = options.queues();
    if (!queues) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '10' }).end('the job runtime is not running yet (it starts when Redis answers)');
      return;
    }
    if (board?.queues !== queues) {
      const handler = buildBoard(queues, readOnly).catch((error: unknown) => {
        board = null;
        throw error;
      });
      board = { queues, handler };
      log.info({ readOnly, queues: queues.map((q) => q.name) }, 'queue dashboard loaded');
    }
    const handler = await board.handler;
    // bull-board's routes are relative to its base path.
    const rest = (req.url ?? '/').slice(ADMIN_PATH.length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    res.setHeader('cache-control', 'no-store');
    handler(req, res);
  };
}
