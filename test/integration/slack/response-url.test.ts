/**
 * response-url.ts against local HTTP servers: answers arrive once, a post sent on a keep-alive
 * connection the server had closed is sent again on a new one, and nothing else is retried.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseUrlError, ResponseUrlPoster } from '../../../adapters/slack/response-url.ts';

interface Received {
  connection: number;
  body: unknown;
}

/** A response_url endpoint; `decide` says, per request, to answer with a status or to drop the connection unanswered. */
async function endpoint(decide: (r: Received, index: number) => number | 'drop') {
  const received: Received[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { connection: (req.socket as { id?: number } & typeof req.socket).id ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
      received.push(r);
      const outcome = decide(r, received.length - 1);
      if (outcome === 'drop') req.socket.destroy();
      else res.writeHead(outcome, { 'content-type': 'text/plain' }).end(outcome === 200 ? 'ok' : 'expired_url');
    });
  });
  server.on('connection', (socket) => Object.assign(socket, { id: ++connections }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/response/x`,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('ResponseUrlPoster', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('posts the answer as JSON and resolves on 2xx', async () => {
    const server = await endpoint(() => 200);
    const poster = new ResponseUrlPoster();
    cleanups.push(() => poster.close(), server.close);
    await poster.post(server.url, { text: 'hello', response_type: 'ephemeral' });
    expect(server.received.map((r) => r.body)).toEqual([{ text: 'hello', response_type: 'ephemeral' }]);
  });

  it('sends a post again, once, on a new connection when the kept-alive one was closed before any answer', async () => {
    // The second request on the first connection finds it closed: the server drops it unanswered.
    const server = await endpoint((r, index) => (index === 1 && r.connection === 1 ? 'drop' : 200));
    const poster = new ResponseUrlPoster();
    cleanups.push(() => poster.close(), server.close);
    await poster.post(server.url, { text: 'first' });
    await poster.post(server.url, { text: 'second' });
    expect(server.received.map((r) => [r.connection, r.body])).toEqual([
      [1, { text: 'first' }],
      [1, { text: 'second' }],
      [2, { text: 'second' }],
    ]);
  });

  it('does not retry a post dropped on a new connection: it may have been read, and a second would show twice', async () => {
    const server = await endpoint(() => 'drop');
    const poster = new ResponseUrlPoster();
    cleanups.push(() => poster.close(), server.close);
    await expect(poster.post(server.url, { text: 'once' })).rejects.toBeInstanceOf(ResponseUrlError);
    expect(server.received).toHaveLength(1);
  });

  it('rejects with the status and Slack’s word for a refused answer, without retrying', async () => {
    const server = await endpoint(() => 404);
    const poster = new ResponseUrlPoster();
    cleanups.push(() => poster.close(), server.close);
    const error = await poster.post(server.url, { text: 'late' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseUrlError);
    expect((error as ResponseUrlError).context).toEqual({ status: 404, body: 'expired_url' });
    expect(server.received).toHaveLength(1);
  });

  it('refuses a response_url that is not http(s)', async () => {
    const poster = new ResponseUrlPoster();
    cleanups.push(() => poster.close());
    await expect(poster.post('file:///etc/passwd', {})).rejects.toThrow(/not an http\(s\) URL/);
  });
});
