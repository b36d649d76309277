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

  // Registered before anything starts, so a signal during startup still closes what is already open.
  // Each started piece pushes its closer; they run in reverse order (HTTP, adapters, jobs, Redis).
  const closers: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      for (const close of closers.reverse()) await close();
    })();
    return stopping;
  };
  onShutdownSignal(log, shutdown);

  const core = await createCoreServices(config, log);
  closers.push(() => core.close());
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
    const jobs = runtime;
    closers.push(() => jobs.close());
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
  const started = (adapter: RunningAdapter): RunningAdapter => {
    adapters.push(adapter);
    closers.push(() => adapter.stop());
    return adapter;
  };
  if (adapterPlan.slack) {
    const s = config.slack;
    started(
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
    started(
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
    started(consoleAdapter);
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
    const server = http;
    closers.push(() => server.close());
  }


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
  // Exit code 2: the configuration is wrong (nothing to retry until someone fixes it); 1: anything else.
  process.exit(isPaperclubError(error) && error.code === 'config_invalid' ? 2 : 1);
});
