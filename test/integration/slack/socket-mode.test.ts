/**
 * Socket Mode end to end on loopback: the adapter asks the fake Web API for a WebSocket URL
 * (apps.connections.open with the app token), connects to a local WebSocket server playing Slack,
 * receives the recorded slash command as a Socket Mode envelope, acks it over the socket, and answers
 * through response_url.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import type { RunningAdapter } from '../../../adapters/types.ts';
import { commands } from '../../../src/commands/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.ts';
import { createTestServices } from '../../helpers/services.ts';
import { slashCommandBody } from './harness.ts';

let api: FakeSlackApi;
let wss: WebSocketServer;
let adapter: RunningAdapter;
let connectedResolve: (socket: WebSocket) => void = () => undefined;
const connected = new Promise<WebSocket>((resolve) => {
  connectedResolve = resolve;
});
const received: Array<Record<string, unknown>> = [];
let onReceived: () => void = () => undefined;

/** Resolves once the fake Slack has received a socket message with this envelope_id. */
function ackFor(envelopeId: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${envelopeId}; got ${JSON.stringify(received)}`)), 10_000);
    const check = () => {
      const ack = received.find((m) => m.envelope_id === envelopeId);
      if (!ack) return;
      clearTimeout(timer);
      resolve(ack);
    };
    onReceived = check;
    check();
  });
}

beforeAll(async () => {
  api = await startFakeSlackApi();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      received.push(JSON.parse(String(data)) as Record<string, unknown>);
      onReceived();
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A111' } }));
    connectedResolve(socket);
  });
  // Every apps.connections.open answer points at the local socket server.
  api.script('apps.connections.open', ...Array.from({ length: 5 }, () => ({ status: 200, json: { ok: true, url: `ws://127.0.0.1:${port}/link` } })));

  const { services } = await createTestServices({ store: unavailableStore('not needed for search') });
  adapter = await createSlackAdapter(
    { commands, services, log: silentLogger() },
    { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: api.apiUrl, adminUsers: [] },
  );
});

afterAll(async () => {
  await adapter?.stop();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await api.close();
});

describe('Socket Mode', () => {
  it('exposes no HTTP route and opens the connection with the app token', async () => {
    expect(adapter.routes).toEqual({});
    // The socket opens in the background once the token checked out.
    await adapter.started;
    const [open] = await api.waitForCalls('apps.connections.open');
    expect(open?.authorization).toBe('Bearer xapp-test');
  });

  it('reports its state for /healthz', async () => {
    await connected;
    await new Promise((r) => setTimeout(r, 50));
    expect(adapter.health()).toMatchObject({ state: 'ok', mode: 'socket', socket: 'connected', history: 'ok' });
  });

  it('acks a slash command envelope over the socket, then answers via response_url', async () => {
    const socket = await connected;
    const responseUrl = api.responseUrl('socket');
    const payload = Object.fromEntries(new URLSearchParams(slashCommandBody('search lora', responseUrl)));
    socket.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload }));

    const [answer] = await api.waitFor((c) => c.path === '/response/socket');
    const body = answer?.body as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('LoRA');
    // The envelope was acknowledged (with an empty payload: the answer goes to response_url).
    expect(await ackFor('env-1')).toEqual({ envelope_id: 'env-1', payload: {} });
  });
});
