/**
 * The gateway transport's half that does not need Discord: a raw INTERACTION_CREATE payload goes through
 * the shared handler and its initial response is POSTed to the interaction callback route.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { gatewayDispatcher, startGateway } from '../../../adapters/discord/gateway.ts';
import { startFixtureServer } from '../../helpers/http-fixture-server.ts';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { createInteractionHandler } from '../../../adapters/discord/interactions.ts';
import type { APIInteraction } from 'discord.js';
import { commands } from '../../../src/commands/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { createTestServices } from '../../helpers/services.ts';
import { APP_ID } from './harness.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from './fake-discord-api.ts';
import { slashCommand } from './payloads.ts';

let api: FakeDiscordApi;
beforeEach(async () => {
  api = await startFakeDiscordApi();
});
afterEach(async () => {
  await api.close();
});

async function dispatcher(deferAfterMs: number) {
  const { services } = await createTestServices({ store: unavailableStore('no Redis in this test') });
  const rest = new REST({ api: api.url });
  const handler = createInteractionHandler({ deps: { commands, services, log: silentLogger() }, rest, applicationId: APP_ID, buttons: new ButtonCommandStore(), deferAfterMs });
  return gatewayDispatcher({ handler, rest, log: silentLogger() });
}

describe('gateway dispatch', () => {
  it('sends the initial response through the interaction callback route', async () => {
    const dispatch = await dispatcher(5000);
    const interaction = slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]);
    await dispatch(interaction as unknown as APIInteraction);
    expect(api.calls).toHaveLength(1);
    const [call] = api.calls;
    expect(call!.method).toBe('POST');
    expect(call!.route).toBe(`/interactions/${interaction.id as string}/${interaction.token as string}/callback`);
    expect(call!.authorization).toBeUndefined();
    const body = call!.body as { type: number; data: { flags: number; allowed_mentions: unknown } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers through the callback, then edits the original response', async () => {
    const dispatch = await dispatcher(0);
    const interaction = slashCommand(['show'], [{ name: 'paper', type: 3, value: '2106.09685' }]);
    await dispatch(interaction as unknown as APIInteraction);
    expect(api.calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      `POST /interactions/${interaction.id as string}/${interaction.token as string}/callback`,
      `PATCH /webhooks/${APP_ID}/${interaction.token as string}/messages/@original`,
    ]);
    expect(api.calls[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
  });

  it('survives a failing callback (logged, not thrown)', async () => {
    const dispatch = await dispatcher(5000);
    api.fail(/callback$/, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
    await expect(dispatch(slashCommand(['help']) as unknown as APIInteraction)).resolves.toBeUndefined();
    expect(api.calls).toHaveLength(1);
  });
});

describe('the gateway in the background', () => {
  it('keeps trying a gateway that never answers, each login bounded, and stops at once when asked', async () => {
    const blackHole = await startFixtureServer(() => new Promise(() => {}));
    try {
      const gateway = startGateway({
        token: 'test-token',
        apiUrl: blackHole.url,
        dispatch: async () => undefined,
        track: () => undefined,
        log: silentLogger(),
        loginTimeoutMs: 150,
        retryMs: { first: 20, max: 40 },
      });
      expect(gateway.state()).toMatchObject({ state: 'connecting', attempt: 1 });
      const deadline = Date.now() + 5000;
      while ((gateway.state() as { attempt?: number }).attempt! < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(gateway.state()).toMatchObject({ state: 'connecting', lastError: 'login took longer than 150 ms' });
      const stopping = Date.now();
      await gateway.stop();
      expect(Date.now() - stopping).toBeLessThan(2000);
      expect(gateway.state()).toEqual({ state: 'stopped' });
    } finally {
      await blackHole.close();
    }
  });

  it('stops retrying when Discord refuses the token, and says so', async () => {
    api.fail(/^\/gateway\/bot$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } }, 5);
    const gateway = startGateway({ token: 'bad-token', apiUrl: api.url, dispatch: async () => undefined, track: () => undefined, log: silentLogger(), retryMs: { first: 20, max: 40 } });
    const deadline = Date.now() + 5000;
    while (gateway.state().state === 'connecting' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(gateway.state()).toMatchObject({ state: 'rejected' });
    expect(api.callsTo(/^\/gateway\/bot$/)).toHaveLength(1);
    await gateway.stop();
  });
});
