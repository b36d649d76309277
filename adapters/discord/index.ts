/**
 * The Discord adapter: /paper over the gateway (discord.js Client, the default when a bot token is set)
 * and/or the HTTP interactions endpoint (when the application public key is set), one handler for both,
 * a ChatPort that posts alerts, digests and club announcements (and opens their threads) with the bot
 * token, and the questions members ask in club threads (gateway MESSAGE_CREATE, thread-replies.ts).
 */
import type { AdapterDeps, HttpRoute, RunningAdapter } from '../types.ts';
import { PaperclubError } from '../../src/errors.ts';
import type { ReplayGuard } from '../../src/ports.ts';
import { memoryReplayGuard } from '../../src/store/replay-guard.ts';
import { DiscordChatPort } from './chat-port.ts';
import { ButtonCommandStore } from './custom-id.ts';
import type { GatewayState, RunningGateway } from './gateway.ts';
import { createInteractionsRoute } from './http-endpoint.ts';
import { createInteractionHandler } from './interactions.ts';
import { paperCommandPayload } from './registration.ts';
import { createThreadReplyHandler } from './thread-replies.ts';
import { discordPublicKey } from './signature.ts';
import { lazyWebhookRest } from './webhook-rest.ts';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface DiscordAdapterConfig {
  token?: string;
  applicationId: string;
  publicKey?: string;
  /** REST base, e.g. https://discord.com/api (DISCORD_API_URL); the API version is appended. */
  apiUrl: string;
  /** Connect to the gateway (needs `token`). */
  gateway: boolean;
  /** Answer directly when a command finishes within this many ms, else defer (0 = always defer). */
  deferAfterMs?: number;
  /** How many long button command lines to remember (see custom-id.ts). */
  buttonMemory?: number;
  /** Remembers accepted signed requests across processes (Redis); in-process memory when absent. */
  replay?: ReplayGuard;
  /** One gateway login may take this long before it is retried (default 30 s). */
  gatewayLoginTimeoutMs?: number;
  /**
   * Ask for the privileged Message Content intent (DISCORD_MESSAGE_CONTENT), so every question in a club
   * thread is collected, not only those that mention the bot. It must be enabled in the developer portal.
   */
  messageContent?: boolean;
}

export async function createDiscordAdapter(deps: AdapterDeps, config: DiscordAdapterConfig): Promise<RunningAdapter> {
  if (!config.applicationId) {
    throw new PaperclubError('config_invalid', 'DISCORD_APPLICATION_ID is required for the Discord adapter');
  }
  if (config.gateway && !config.token) {
    throw new PaperclubError('config_invalid', 'The Discord gateway needs DISCORD_TOKEN');
  }
  if (!config.token && !config.publicKey) {
    throw new PaperclubError('config_invalid', 'Discord needs DISCORD_TOKEN (gateway, posting) or DISCORD_PUBLIC_KEY (HTTP interactions endpoint)');
  }
  // Fail at startup, not in Discord, if a command definition breaks Discord's rules.
  paperCommandPayload(deps.commands);
  const publicKey = config.publicKey ? discordPublicKey(config.publicKey) : undefined;

  const log = deps.log.child({ platform: 'discord' });
  const buttons = new ButtonCommandStore(config.buttonMemory);
  // Interaction callbacks, edits and follow-ups authenticate with the interaction token, not the bot's.
  const interactionRest = lazyWebhookRest(config.apiUrl);
  const handler = createInteractionHandler({
    deps,
    rest: interactionRest,
    applicationId: config.applicationId,
    buttons,
    ...(config.deferAfterMs !== undefined ? { deferAfterMs: config.deferAfterMs } : {}),
  });

  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const settled = work.catch((error: unknown) => log.error({ err: error }, 'interaction work failed'));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };

  const chat = new DiscordChatPort({ apiUrl: config.apiUrl, token: config.token, buttons });
  const threadReplies = createThreadReplyHandler({ store: deps.services.store, threadParent: (id) => chat.threadParent(id), log });

  const routes: Record<string, HttpRoute> = {};
  if (publicKey) {
    routes[INTERACTIONS_PATH] = createInteractionsRoute({ handler, publicKey, log, clock: deps.services.clock, track, replay: config.replay ?? memoryReplayGuard(), metrics: deps.services.metrics });
  }

  // In the background, discord.js included (gateway.ts loads it): the HTTP endpoint and posting never
  // wait for the gateway.
  const token = config.token;
  let gateway: RunningGateway | null = null;
  let stopped = false;
  let loadFailed = false;
  const gatewayStarting =
    config.gateway && token
      ? import('./gateway.ts').then(({ gatewayDispatcher, startGateway }) => {
          if (stopped) return;
          gateway = startGateway({
            token,
            apiUrl: config.apiUrl,
            dispatch: gatewayDispatcher({ handler, rest: interactionRest, log, metrics: deps.services.metrics }),
            messages: { handle: threadReplies, messageContent: config.messageContent === true },
            track,
            log,
            ...(config.gatewayLoginTimeoutMs ? { loginTimeoutMs: config.gatewayLoginTimeoutMs } : {}),
          });
        })
        .catch((error: unknown) => {
          // A broken install (discord.js missing): the endpoint and posting still work, /healthz says so.
          loadFailed = true;
          log.error({ err: error }, 'the Discord gateway could not be loaded');
        })
      : null;
  const gatewayState = (): GatewayState => gateway?.state() ?? (loadFailed ? { state: 'stopped' } : { state: 'connecting', attempt: 1 });

  return {
    name: 'discord',
    chat,
    routes,
    started: Promise.resolve(),
    health: () => ({
      state: gatewayStarting ? gatewayState().state : 'http only',
      gateway: gatewayStarting ? gatewayState() : { state: 'off' },
      interactionsEndpoint: publicKey ? 'on' : 'off',
      posting: config.token ? 'on' : 'off (no DISCORD_TOKEN)',
    }),
    stop: async () => {
      stopped = true;
      await gatewayStarting;
      await gateway?.stop();
      await Promise.allSettled([...inFlight]);
      interactionRest.close();
    },
  };
}
