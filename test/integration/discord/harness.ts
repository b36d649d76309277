/**
 * The real Discord adapter behind a real HTTP server on 127.0.0.1, with real core services (the seed
 * library, the search index, a Redis store under a random prefix) and the fake Discord REST API.
 * Requests are signed with a test Ed25519 key pair, exactly as Discord signs them.
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RunningAdapter } from '../../../adapters/types.ts';
import { createDiscordAdapter, INTERACTIONS_PATH } from '../../../adapters/discord/index.ts';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { commands as allCommands } from '../../../src/commands/index.ts';
import type { CommandDef, CommandServices } from '../../../src/commands/types.ts';
import { loadLibrary, type Library } from '../../../src/library/library.ts';
import { silentLogger } from '../../../src/log.ts';
import { systemClock, type DigestSchedule, type DigestScheduler } from '../../../src/ports.ts';
import { SearchIndex } from '../../../src/search/search-index.ts';
import { createRedisStore } from '../../../src/store/redis/index.ts';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';
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

/** A DigestScheduler double: records calls, and fails loudly unless a test allowed scheduling. */
export class RecordingDigests implements DigestScheduler {
  readonly calls: Array<{ op: 'schedule' | 'cancel' | 'nextRun'; channel: ChannelAddress; schedule?: DigestSchedule }> = [];
  allowed = false;
  async schedule(channel: ChannelAddress, schedule: DigestSchedule): Promise<void> {
    this.calls.push({ op: 'schedule', channel, schedule });
    if (!this.allowed) throw new Error('RecordingDigests.schedule called but this test did not expect digest scheduling');
  }
  async cancel(channel: ChannelAddress): Promise<void> {
    this.calls.push({ op: 'cancel', channel });
    if (!this.allowed) throw new Error('RecordingDigests.cancel called but this test did not expect digest scheduling');
  }
  async nextRun(channel: ChannelAddress): Promise<Date | null> {
    this.calls.push({ op: 'nextRun', channel });
    return null;
  }
}

let libraryPromise: Promise<Library> | null = null;
/** The seed library, loaded once per test file. */
export function seedLibrary(): Promise<Library> {
  libraryPromise ??= loadLibrary({ seedsDir: 'seeds' });
  return libraryPromise;
}

export interface Harness {
  api: FakeDiscordApi;
  adapter: RunningAdapter;
  server: FixtureServer;
  keys: TestKeys;
  services: CommandServices;
  digests: RecordingDigests;
  /** POSTs a signed interaction; returns status and parsed JSON body. */
  send(payload: unknown, options?: { headers?: Record<string, string>; rawBody?: string; unsigned?: boolean }): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startHarness(options: { deferAfterMs?: number; commands?: readonly CommandDef[]; buttonMemory?: number; token?: string | null } = {}): Promise<Harness> {
  const api = await startFakeDiscordApi();
  const keys = testKeys();
  const library = await seedLibrary();
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = `test:discord:${randomUUID()}`;
  const digests = new RecordingDigests();
  const services: CommandServices = {
    library,
    search: new SearchIndex(library.entries),
    store: createRedisStore(redis, prefix, { ownsConnection: false }),
    digests,
    clock: systemClock,
  };
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
      const keysLeft = await redis.keys(`${prefix}:*`);
      if (keysLeft.length > 0) await redis.del(...keysLeft);
      await redis.quit();
    },
  };
}
