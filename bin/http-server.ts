/**
 * The one HTTP server: Slack at /slack/events, Discord interactions at /discord/interactions, the club calendars
 * under /club/calendar/, /healthz, /metrics, and (when configured) the queue dashboard under /admin/queues. Adapters and the composition
 * root hand in their routes; this file only dispatches by path. A route key ending in `/*` serves its
 * path and everything below it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from '../adapters/types.ts';
import type { Logger } from '../src/log.ts';

export interface HealthReport {
  ok: boolean;
  [detail: string]: unknown;
}

export interface RunningHttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: {
  port: number;
  host?: string;
  routes: Record<string, HttpRoute>;
  health: () => Promise<HealthReport>;
  log: Logger;
}): Promise<RunningHttpServer> {
  const { routes, health, log } = options;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = path === '/healthz' ? healthRoute(health) : (routes[path] ?? prefixRoute(routes, path));
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve()
      .then(() => route(req, res))
      .catch((error: unknown) => {
        log.error({ err: error, path }, 'HTTP route failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log.info({ port, routes: ['/healthz', ...Object.keys(routes)] }, 'HTTP server listening');
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function prefixRoute(routes: Record<string, HttpRoute>, path: string): HttpRoute | undefined {
  for (const [key, route] of Object.entries(routes)) {
    if (!key.endsWith('/*')) continue;
    const base = key.slice(0, -2);
    if (path === base || path.startsWith(`${base}/`)) return route;
  }
  return undefined;
}

function healthRoute(health: () => Promise<HealthReport>): HttpRoute {
  return async (_req, res) => {
    const report = await health();
    res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
  };
}
