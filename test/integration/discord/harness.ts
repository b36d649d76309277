/**
 * The real Discord adapter behind a real HTTP server on 127.0.0.1, with real core services (the seed
 * library, the search index, a Redis store under a random prefix) and the fake Discord REST API.
 * Requests are signed with a test Ed25519 key pair, exactly as Discord signs them.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { RunningAdapter } from '../../../adapters/types.ts';
import { createDiscordAdapter, INTERACTIONS_PATH } from '../../../adapters/discord/index.ts';
import { commands as allCommands } from '../../../src/commands/index.ts';
import type { CommandDef, CommandServices } from '../../../src/commands/types.ts';
import { silentLogger } from '../../../src/log.ts';
import type { Metrics, ReplayGuard } from '../../../src/ports.ts';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import { createTestServices, RecordingDigests } from '../../helpers/services.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from './fake-discord-api.ts';

export const APP_ID = '290926444748734465';

export interface TestKeys {
  privateKey: KeyObject;
  publicKeyHex: string;
}

export function testKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKeyHex: Buffer.from(jwk.x!, 'base64url').toString('hex') };
}

export function signRequest(keys: TestKeys, body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex');
  return { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp, 'content-type': 'application/json' };
}

export interface Harness {
  api: FakeDiscordApi;
  adapter: RunningAdapter;
  server: FixtureServer;
  keys: TestKeys;
  services: CommandServices;
  /** The Redis key prefix the services' store uses. */
  prefix: string;
  digests: RecordingDigests;
  /** POSTs a signed interaction; returns status and parsed JSON body. */
  send(payload: unknown, options?: { headers?: Record<string, string>; rawBody?: string; unsigned?: boolean }): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { deferAfterMs?: number; commands?: readonly CommandDef[]; buttonMemory?: number; token?: string | null; keys?: TestKeys; replay?: ReplayGuard; metrics?: Metrics } = {},
): Promise<Harness> {
  const api = await startFakeDiscordApi();
  const keys = options.keys ?? testKeys();
  const digests = new RecordingDigests();
  const { services, prefix, cleanup } = await createTestServices({ scope: 'discord', digests, ...(options.metrics ? { metrics: options.metrics } : {}) });
  const adapter = await createDiscordAdapter(
    { commands: options.commands ?? allCommands, services, log: silentLogger() },
    {
      token: options.token === null ? undefined : (options.token ?? 'test-bot-token'),
      applicationId: APP_ID,
      publicKey: keys.publicKeyHex,
      apiUrl: api.url,
      gateway: false,
      deferAfterMs: options.deferAfterMs ?? 5000,
      ...(options.buttonMemory !== undefined ? { buttonMemory: options.buttonMemory } : {}),
      ...(options.replay ? { replay: options.replay } : {}),
    },
  );
  const route = adapter.routes[INTERACTIONS_PATH];
  if (!route) throw new Error('the Discord adapter did not mount /discord/interactions');
  const server = await startFixtureServer(route);

  return {
    api,
    adapter,
    server,
    keys,
    services,
    prefix: prefix!,
    digests,
    async send(payload, sendOptions = {}) {
      const body = sendOptions.rawBody ?? JSON.stringify(payload);
      const headers = { ...(sendOptions.unsigned ? { 'content-type': 'application/json' } : signRequest(keys, body)), ...sendOptions.headers };
      const res = await fetch(`${server.url}${INTERACTIONS_PATH}`, { method: 'POST', headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep text
      }
      return { status: res.status, body: parsed };
    },
    async close() {
      await server.close();
      await adapter.stop();
      await api.close();
      await cleanup();
    },
  };
}
