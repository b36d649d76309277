/**
 * `npm start`: the composition root. Reads configuration once, builds the core, starts the job runtime
 * (when Redis is available) and the chat adapters, mounts their routes on one HTTP server, and shuts all of
 * it down cleanly on SIGTERM/SIGINT.
 */
import { configFromEnvironment } from './env.ts';
import { createLogger } from '../src/log.ts';
import { PaperclubError, isPaperclubError } from '../src/errors.ts';
import { systemClock, type DigestScheduler } from '../src/ports.ts';
import { commands } from '../src/commands/index.ts';
import type { CommandServices } from '../src/commands/types.ts';
import { createArxivApiClient } from '../src/arxiv/api-client.ts';
import { createArxivLookup } from '../src/arxiv/lookup.ts';
import { arxivGateKey, createSharedArxivGate } from '../src/arxiv/shared-gate.ts';
import type { AdapterDeps, HttpRoute, RunningAdapter } from '../adapters/types.ts';
import { startConsoleAdapter } from '../adapters/console/index.ts';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { createDiscordAdapter } from '../adapters/discord/index.ts';
import { startJobRuntime, type JobRuntime } from '../jobs/runtime.ts';
import { planAdapters } from './adapter-plan.ts';
import { ChatRegistry } from './chat-registry.ts';
import { createCoreServices } from './core-services.ts';
import { startHttpServer, type RunningHttpServer } from './http-server.ts';
import { onShutdownSignal } from './shutdown.ts';

/** Without Redis there is nothing to schedule digests in; commands turn this into a friendly answer. */
function unavailableDigests(reason: string): DigestScheduler {
  const fail = async (): Promise<never> => {
    throw new PaperclubError('storage_unavailable', `Digests need Redis, which is not running: ${reason}`);
  };
  return { schedule: fail, cancel: fail, nextRun: async () => null };
}

async function main(): Promise<void> {
  const config = configFromEnvironment();
  const forceConsole = process.argv.includes('--console');
  const adapterPlan = planAdapters(config, { forceConsole });
  // In a console-only session the terminal is the chat: keep logs to warnings unless asked otherwise.
  const consoleOnly = adapterPlan.console && !adapterPlan.slack && !adapterPlan.discord;
  const log = createLogger({ level: consoleOnly && !process.env.LOG_LEVEL ? 'warn' : config.logLevel });

  if (adapterPlan.problems.length > 0) {
    throw new PaperclubError('config_invalid', `Chat configuration is incomplete:\n  ${adapterPlan.problems.join('\n  ')}`);
  }
  process.stderr.write(`paperclub: starting\n  ${adapterPlan.reasons.join('\n  ')}\n`);

  const core = await createCoreServices(config, log);
  const chat = new ChatRegistry();
  let runtime: JobRuntime | null = null;
  if (core.redisOptions) {
    runtime = await startJobRuntime({
      redis: core.redisOptions,
      prefix: config.redis.prefix,
      store: core.store,
      library: core.library,
      chat: chat.all(),
      config,
      log: log.child({ component: 'jobs' }),
    });
    process.stderr.write('  jobs: alerts and digests run in this process (npm run worker adds more workers)\n');
  } else if (core.redisPlan.kind === 'none') {
    process.stderr.write(`  jobs: off (${core.redisPlan.reason})\n`);
  }

  const services: CommandServices = {
    library: core.library,
    search: core.search,
    store: core.store,
    digests: runtime?.digests ?? unavailableDigests(core.redisPlan.kind === 'none' ? core.redisPlan.reason : 'no Redis'),
    clock: systemClock,
    arxiv: createArxivLookup({
      client: createArxivApiClient({
        apiUrl: config.arxiv.apiUrl,
        userAgent: config.arxiv.userAgent,
        log,
        // Link lookups share arXiv's limit with the workers' feed fetches on every machine.
        spacer: core.redis ? createSharedArxivGate({ redis: core.redis, key: arxivGateKey(config.redis.prefix) }) : undefined,
      }),
      log,
    }),
  };
  const deps: AdapterDeps = { commands, services, log };

  const adapters: RunningAdapter[] = [];
  if (adapterPlan.slack) {
    const s = config.slack;
    adapters.push(
      await createSlackAdapter(deps, {
        botToken: s.botToken!,
        signingSecret: s.signingSecret,
        appToken: adapterPlan.slack.mode === 'socket' ? s.appToken : undefined,
        apiUrl: s.apiUrl,
        adminUsers: s.adminUsers,
      }),
    );
  }
  if (adapterPlan.discord) {
    const d = config.discord;
    adapters.push(
      await createDiscordAdapter(deps, {
        token: d.token,
        applicationId: d.applicationId!,
        publicKey: d.publicKey,
        apiUrl: d.apiUrl,
        gateway: adapterPlan.discord.gateway,
      }),
    );
  }

  let consoleDone: Promise<void> | null = null;
  if (adapterPlan.console) {
    const consoleAdapter = await startConsoleAdapter({
      ...deps,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
    });
    adapters.push(consoleAdapter);
    consoleDone = consoleAdapter.done;
  }
  for (const adapter of adapters) chat.register(adapter.chat);

  const routes: Record<string, HttpRoute> = Object.assign({}, ...adapters.map((a) => a.routes));
  let http: RunningHttpServer | null = null;
  if (Object.keys(routes).length > 0 || adapterPlan.slack || adapterPlan.discord) {
    http = await startHttpServer({
      port: config.port,
      routes,
      log,
      health: async () => ({
        ok: true,
        adapters: adapters.map((a) => a.name),
        library: core.library.size,
        redis: core.redisPlan.kind,
      }),
    });
  }

  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      await http?.close();
      for (const adapter of adapters) await adapter.stop();
      await runtime?.close();
      await core.close();
    })();
    return stopping;
  };
  onShutdownSignal(log, shutdown);

  if (consoleDone) {
    // A console session ends at EOF or /quit; so does the process.
    await consoleDone;
    await shutdown('console closed');
    process.exit(0);
  }
}

main().catch((error: unknown) => {
  const message = isPaperclubError(error) ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`paperclub: ${message}\n`);
  process.exit(1);
});

