/**
 * The gateway transport (the default when DISCORD_TOKEN is set): a discord.js Client with only the
 * Guilds intent. We listen to the raw INTERACTION_CREATE dispatch (client.ws emits every dispatch by
 * name) rather than `interactionCreate`, because the raw payload is exactly what the HTTP endpoint
 * receives; both transports then share one handler, and the initial response goes out as the REST
 * interaction callback (POST /interactions/{id}/{token}/callback), the same call discord.js makes for
 * `reply()`/`deferReply()`.
 */
import { Client, GatewayDispatchEvents, GatewayIntentBits, Routes } from 'discord.js';
import type { APIInteraction, REST } from 'discord.js';
import type { Logger } from '../../src/log.ts';
import { PaperclubError } from '../../src/errors.ts';
import type { InteractionHandler } from './interactions.ts';
import { noMentions } from './render.ts';

/**
 * Handles one raw interaction delivered over the gateway: run the shared handler, send its initial
 * response via the callback route, then finish any deferred work. Never rejects.
 */
export function gatewayDispatcher(options: { handler: InteractionHandler; rest: REST; log: Logger }): (interaction: APIInteraction) => Promise<void> {
  const { handler, rest } = options;
  const log = options.log.child({ platform: 'discord', transport: 'gateway' });
  return async (interaction) => {
    try {
      const outcome = await handler(interaction);
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { auth: false, body: outcome.response });
      if (outcome.after) await outcome.after();
    } catch (error) {
      log.error({ err: error, interaction: interaction.id, type: interaction.type }, 'could not answer a gateway interaction');
    }
  };
}

export interface RunningGateway {
  client: Client;
  stop(): Promise<void>;
}

export async function startGateway(options: {
  token: string;
  apiUrl: string;
  dispatch: (interaction: APIInteraction) => Promise<void>;
  track: (work: Promise<void>) => void;
  log: Logger;
}): Promise<RunningGateway> {
  const log = options.log.child({ platform: 'discord', transport: 'gateway' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: noMentions(),
    rest: { api: options.apiUrl },
  });
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction: APIInteraction) => {
    options.track(options.dispatch(interaction));
  });
  client.on('error', (error) => log.error({ err: error }, 'Discord gateway error'));
  client.on('shardDisconnect', (event, shardId) => log.warn({ code: event.code, shardId }, 'Discord gateway disconnected'));
  client.once('clientReady', (ready) => log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'Discord gateway ready'));
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    throw new PaperclubError('config_invalid', `Could not connect to the Discord gateway: ${(error as Error).message}. Check DISCORD_TOKEN.`, {}, { cause: error });
  }
  return {
    client,
    stop: async () => {
      await client.destroy();
    },
  };
}
