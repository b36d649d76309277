/**
 * `npm run worker`: only the job workers (arXiv polls, alert deliveries, digests) against REDIS_URL,
 * so more machines can share the load on the same Redis. Deliveries post through the adapters' chat
 * ports built from configuration (no slash-command handling here). SIGTERM/SIGINT: stop taking jobs,
 * finish the current ones, close connections, exit 0.
 */
import { pathToFileURL } from 'node:url';
import { createConsoleChat } from '../adapters/console/chat.ts';
import { DiscordChatPort, createDeliveryRest } from '../adapters/discord/chat-port.ts';
import { ButtonCommandStore } from '../adapters/discord/custom-id.ts';
import { SlackChatPort, createDeliveryWebClient } from '../adapters/slack/chat-port.ts';
import type { Platform } from '../src/channel-address.ts';
import type { Config } from '../src/config.ts';
import { PaperclubError, isPaperclubError } from '../src/errors.ts';
import { createLogger, type Logger } from '../src/log.ts';
import type { ChatPort } from '../src/ports.ts';
import { startJobRuntime } from '../jobs/runtime.ts';
import { createCoreServices } from './core-services.ts';
import { configFromEnvironment } from './env.ts';
import { onShutdownSignal } from './shutdown.ts';

/**
 * A chat port per platform that has credentials. Console channels print where the delivery runs.
 * A platform without credentials gets no port: its deliveries retry (transient), then give the
 * papers back for a later poll, rather than silently dropping them.
 */
export function deliveryChatPorts(config: Config, log: Logger, write: (text: string) => void): Partial<Record<Platform, ChatPort>> {
  const ports: Partial<Record<Platform, ChatPort>> = { console: createConsoleChat(write) };
  if (config.slack.botToken) {
    const client = createDeliveryWebClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, log: log.child({ platform: 'slack' }) });
    ports.slack = new SlackChatPort(client, log.child({ platform: 'slack' }));
  }
  if (config.discord.token) {
    ports.discord = new DiscordChatPort({
      rest: createDeliveryRest({ apiUrl: config.discord.apiUrl, token: config.discord.token }),
      buttons: new ButtonCommandStore(),
      hasToken: true,
    });
  }
  return ports;
}

async function main(): Promise<void> {
  const config = configFromEnvironment();
  const log = createLogger({ level: config.logLevel });
  // Registered first, so a signal during startup still closes what is already open (newest first).
  const closers: Array<() => Promise<void>> = [];
  onShutdownSignal(log, async (reason) => {
    log.info({ reason }, 'worker shutting down: finishing current jobs');
    for (const close of closers.reverse()) await close();
  });

  const core = await createCoreServices(config, log);
  closers.push(() => core.close());
  if (!core.redisOptions) {
    throw new PaperclubError('config_invalid', `the worker needs Redis: ${core.redisPlan.kind === 'none' ? core.redisPlan.reason : 'unavailable'}`);
  }
  const chat = deliveryChatPorts(config, log, (text) => process.stdout.write(text));
  const runtime = await startJobRuntime({
    redis: core.redisOptions,
    prefix: config.redis.prefix,
    store: core.store,
    library: core.library,
    chat,
    config,
    log: log.child({ component: 'jobs' }),
  });
  closers.push(() => runtime.close());
  process.stderr.write(
    `paperclub worker: polling ${config.pollCron}, delivering to ${Object.keys(chat).join(', ')}, digests on; Ctrl-C or SIGTERM to stop\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const message = isPaperclubError(error) ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
    process.stderr.write(`paperclub worker: ${message}\n`);
    process.exit(1);
  });
}
