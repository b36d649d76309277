/**
 * The gateway transport (the default when DISCORD_TOKEN is set): a discord.js Client with the Guilds
 * intent, and Guild Messages for questions in club threads (Message Content only when configured;
 * adapters/discord/thread-replies.ts says why). We listen to the raw INTERACTION_CREATE dispatch (client.ws emits every dispatch by
 * name) rather than `interactionCreate`, because the raw payload is exactly what the HTTP endpoint
 * receives; both transports then share one handler, and the initial response goes out as the REST
 * interaction callback (POST /interactions/{id}/{token}/callback), the same call discord.js makes for
 * `reply()`/`deferReply()`.
 *
 * It connects in the background: nothing waits for it. A login is bounded (`loginTimeoutMs`); a
 * failed or timed-out one is retried with backoff up to a minute apart, forever, except when Discord
 * refuses the token (then it stops and says so). Once logged in, discord.js resumes and reconnects the
 * connection by itself.
 */
import { Client, GatewayDispatchEvents, GatewayIntentBits, Options, Routes } from 'discord.js';
import type { APIInteraction } from 'discord.js';
import type { WebhookRest } from './webhook-rest.ts';
import type { MessageCreate } from './thread-replies.ts';
import type { Logger } from '../../src/log.ts';
import type { Metrics } from '../../src/ports.ts';
import type { InteractionHandler } from './interactions.ts';
import { noMentions } from './render.ts';

/**
 * Handles one raw interaction delivered over the gateway: run the shared handler, send its initial
 * response via the callback route, then finish any deferred work. Never rejects.
 */
export function gatewayDispatcher(options: { handler: InteractionHandler; rest: WebhookRest; log: Logger; metrics?: Metrics }): (interaction: APIInteraction) => Promise<void> {
  const { handler, rest } = options;
  const log = options.log.child({ platform: 'discord', transport: 'gateway' });
  return async (interaction) => {
    const arrivedAt = performance.now();
    try {
      const outcome = await handler(interaction);
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { auth: false, body: outcome.response });
      options.metrics?.acknowledged({ platform: 'discord', transport: 'gateway', seconds: (performance.now() - arrivedAt) / 1000 });
      if (outcome.after) await outcome.after();
    } catch (error) {
      log.error({ err: error, interaction: interaction.id, type: interaction.type }, 'could not answer a gateway interaction');
    }
  };
}

export type GatewayState =
  | { state: 'connecting'; attempt: number; lastError?: string }
  | { state: 'ready'; since: string }
  | { state: 'disconnected'; since: string; code?: number }
  | { state: 'rejected'; reason: string }
  | { state: 'stopped' };

export interface RunningGateway {
  state(): GatewayState;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  token: string;
  apiUrl: string;
  dispatch: (interaction: APIInteraction) => Promise<void>;
  /**
   * Messages in the guild's channels (Guild Messages intent), for questions in club threads; with
   * `messageContent` the privileged Message Content intent too. Absent: only the Guilds intent.
   */
  messages?: { handle: (message: MessageCreate, botUserId: string | null) => Promise<unknown>; messageContent: boolean };
  track: (work: Promise<void>) => void;
  log: Logger;
  /** One login may take this long before it is abandoned and retried (default 30 s). */
  loginTimeoutMs?: number;
  /** Backoff between logins: the first wait, doubling up to `max` (default 1 s → 60 s). */
  retryMs?: { first: number; max: number };
}

/** A login Discord refused for the token itself: retrying cannot help. */
function isRejectedToken(error: unknown): boolean {
  const e = error as { code?: unknown; status?: unknown; message?: unknown };
  return e?.code === 'TokenInvalid' || e?.status === 401 || e?.code === 4004 || /invalid token|401/i.test(String(e?.message ?? ''));
}

export function startGateway(options: GatewayOptions): RunningGateway {
  const log = options.log.child({ platform: 'discord', transport: 'gateway' });
  const loginTimeoutMs = options.loginTimeoutMs ?? 30_000;
  const backoff = options.retryMs ?? { first: 1000, max: 60_000 };
  let state: GatewayState = { state: 'connecting', attempt: 1 };
  let stopped = false;
  let client: Client | null = null;
  let wake: (() => void) | null = null;
  let abortLogin: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const newClient = (): Client => {
    const messages = options.messages;
    const intents = [GatewayIntentBits.Guilds];
    if (messages) intents.push(GatewayIntentBits.GuildMessages);
    if (messages?.messageContent) intents.push(GatewayIntentBits.MessageContent);
    const c = new Client({
      intents,
      allowedMentions: noMentions(),
      rest: { api: options.apiUrl },
      // Messages are read raw and never looked up again: keep none of them in memory.
      makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    });
    c.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction: APIInteraction) => {
      options.track(options.dispatch(interaction));
    });
    if (messages) {
      c.ws.on(GatewayDispatchEvents.MessageCreate, (message: MessageCreate) => {
        options.track(messages.handle(message, c.user?.id ?? null).then(() => undefined));
      });
    }
    c.on('error', (error) => log.error({ err: error }, 'Discord gateway error'));
    c.on('shardDisconnect', (event, shardId) => {
      state = { state: 'disconnected', since: new Date().toISOString(), code: event.code };
      log.warn({ code: event.code, shardId }, 'Discord gateway disconnected');
    });
    c.on('shardResume', () => {
      state = { state: 'ready', since: new Date().toISOString() };
    });
    c.on('shardReady', () => {
      state = { state: 'ready', since: new Date().toISOString() };
    });
    c.once('clientReady', (ready) => log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'Discord gateway ready'));
    return c;
  };

  const run = async () => {
    let wait = backoff.first;
    for (let attempt = 1; !stopped; attempt++) {
      const c = newClient();
      client = c;
      state = { state: 'connecting', attempt, ...(state.state === 'connecting' && state.lastError ? { lastError: state.lastError } : {}) };
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          c.login(options.token),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`login took longer than ${loginTimeoutMs} ms`)), loginTimeoutMs);
            // stop() must not wait for a login that hangs on an unreachable gateway.
            abortLogin = () => reject(new Error('stopped'));
          }),
        ]);
        clearTimeout(timer);
        if (state.state === 'connecting') state = { state: 'ready', since: new Date().toISOString() };
        return;
      } catch (error) {
        clearTimeout(timer);
        await c.destroy().catch(() => undefined);
        client = null;
        if (stopped) return;
        const reason = error instanceof Error ? error.message : String(error);
        if (isRejectedToken(error)) {
          state = { state: 'rejected', reason };
          log.error({ reason }, 'Discord refused DISCORD_TOKEN for the gateway; not retrying (interactions over HTTP and posting are unaffected if configured)');
          return;
        }
        state = { state: 'connecting', attempt: attempt + 1, lastError: reason };
        log.warn({ reason, attempt, retryInMs: wait }, 'Discord gateway login failed; retrying in the background');
        await sleep(wait);
        wait = Math.min(wait * 2, backoff.max);
      }
    }
  };
  const running = run();

  return {
    state: () => state,
    async stop() {
      stopped = true;
      wake?.();
      abortLogin?.();
      await client?.destroy().catch(() => undefined);
      await running.catch(() => undefined);
      state = { state: 'stopped' };
    },
  };
}
