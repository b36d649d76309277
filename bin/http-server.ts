/**
 * The one HTTP server: Slack at /slack/events, Discord interactions at /discord/interactions, the club
 * calendars under /club/calendar/, and /healthz. Routes are handed in; this file only dispatches by
 * path (a key ending in '/' takes every path below it).
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

/** A route keyed by a path ending in '/' serves every path below it (the club calendar's tokens). */
function prefixRoute(routes: Record<string, HttpRoute>, path: string): HttpRoute | undefined {
  const prefix = Object.keys(routes).find((key) => key.endsWith('/') && path.startsWith(key) && path.length > key.length);
  return prefix === undefined ? undefined : routes[prefix];
}

function healthRoute(health: () => Promise<HealthReport>): HttpRoute {
  return async (_req, res) => {
    const report = await health();
    res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
  };
}
