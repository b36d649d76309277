/**
 * The REST client for interaction callbacks and the interaction webhook (edits and follow-ups, which
 * authenticate with the interaction's token, not the bot's). discord.js takes about 0.3 s to load, so
 * it loads with the first call: the HTTP interactions endpoint answers most commands in its HTTP
 * response and never needs it, and with the gateway on, the gateway has loaded discord.js already.
 */
import type { REST } from 'discord.js';

/** What the interaction handler and the gateway dispatcher call. */
export type WebhookRest = Pick<REST, 'post' | 'patch' | 'delete'>;

export interface LazyWebhookRest extends WebhookRest {
  /** Clears the REST client's sweeper timers, if it was ever loaded. */
  close(): void;
}

export function lazyWebhookRest(api: string): LazyWebhookRest {
  let loading: Promise<REST> | undefined;
  let loaded: REST | null = null;
  const client = (): Promise<REST> =>
    (loading ??= import('discord.js').then(({ REST: Rest }) => (loaded = new Rest({ api }))));
  return {
    post: async (...args) => (await client()).post(...args),
    patch: async (...args) => (await client()).patch(...args),
    delete: async (...args) => (await client()).delete(...args),
    close() {
      loaded?.clearHashSweeper();
      loaded?.clearHandlerSweeper();
    },
  };
}
