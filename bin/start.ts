/**
 * `npm start`: the composition root. Reads configuration once (invalid: one message, exit 2), builds
 * the core, and starts in an order that never lets one slow or dead dependency hold the rest up, and
 * loads nothing the first answer does not need (docs/operations.md, "Start-up"):
 *
 *  1. the library (the build's snapshot when the seeds are the shipped ones) and the link to Redis: with
 *     an HTTP server, Redis is looked for (or started) in the background; the console waits for it. A
 *     configured Redis that does not answer is waited for in the background: lookups work at once,
 *     channel settings and jobs switch on when it answers;
 *  2. the chat adapters of the configured platforms only (their SDKs load here, not before) and the one
 *     HTTP server: /slack/events, /discord/interactions, the club calendars, /healthz, /metrics (and
 *     /admin/queues when configured) answer from here on; prom-client loads right after
 *     (bin/metrics.ts), bull-board on its first authorised request, and the search index is built;
 *  3. the Slack token check (a rejected token stops startup; an unreachable Slack is retried in the
 *     background) and the Discord gateway (in the background, with backoff; discord.js loads then);
 *  4. the job runtime (BullMQ loads then), once Redis answers and the process serves.
 *
 * SIGTERM/SIGINT close everything in reverse order and exit 0.
 */
import { configFromEnvironment } from './env.ts';
import { createLogger } from '../src/log.ts';
import { PaperclubError, isPaperclubError } from '../src/errors.ts';
import { systemClock, type DigestScheduler } from '../src/ports.ts';
import { commands } from '../src/commands/index.ts';
import type { CommandServices } from '../src/commands/types.ts';
import { createArxivApiClient } from '../src/arxiv/api-client.ts';
import { createArxivLookup } from '../src/arxiv/lookup.ts';
import { RequestSpacer, type ArxivRequestGate } from '../src/arxiv/request-spacer.ts';
import { arxivGateKey, createSharedArxivGate } from '../src/arxiv/shared-gate.ts';
import { redisReplayGuard } from '../src/store/replay-guard.ts';
import { librarySnapshotFile } from '../src/library/snapshot.ts';
import type { AdapterDeps, HttpRoute, RunningAdapter } from '../adapters/types.ts';
import type { JobRuntime } from '../jobs/runtime.ts';
import { planAdapters } from './adapter-plan.ts';
import { ChatRegistry } from './chat-registry.ts';
import { announcementsUntilJobsRun, CALENDAR_ROUTE_PREFIX, clubCalendarRoute } from './club-wiring.ts';
import { createCoreServices } from './core-services.ts';
import { adminDashboardRoute, ADMIN_PATH, dashboardEnabled } from './admin-dashboard.ts';
import { healthReport } from './health.ts';
import { createProcessMetrics, processSources } from './metrics.ts';
import { packageVersion } from './package-version.ts';
import { startHttpServer, type RunningHttpServer } from './http-server.ts';
import { onShutdownSignal } from './shutdown.ts';

/** The digest scheduler commands use: the job runtime's once it runs, a friendly refusal before. */
function digestsUntilJobsRun(reason: () => string): DigestScheduler & { use(next: DigestScheduler): void } {
  let current: DigestScheduler | null = null;
  const fail = async (): Promise<never> => {
    throw new PaperclubError('storage_unavailable', `Digests need Redis, which is not running: ${reason()}`);
  };
  return {
    schedule: (channel, schedule) => (current ? current.schedule(channel, schedule) : fail()),
    cancel: (channel) => (current ? current.cancel(channel) : fail()),
    nextRun: async (channel) => (current ? current.nextRun(channel) : null),
    use(next) {
      current = next;
    },
  };
}

// Each started piece pushes its closer; they run in reverse order (HTTP, adapters, jobs, Redis), on a
// signal, at the end of a console session, and when startup fails half-way (so no private redis-server
// or open port is left behind).
const closers: Array<() => Promise<void>> = [];
let stopping: Promise<void> | null = null;
let logShutdown: (reason: string) => void = () => undefined;
let releaseOnShutdown: () => void = () => undefined;
function shutdown(reason: string): Promise<void> {
  stopping ??= (async () => {
    logShutdown(reason);
    releaseOnShutdown();
    for (const close of closers.reverse()) await close().catch(() => undefined);
  })();
  return stopping;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const config = configFromEnvironment();
  const forceConsole = process.argv.includes('--console');
  const adapterPlan = planAdapters(config, { forceConsole });
  // In a console-only session the terminal is the chat: keep logs to warnings unless asked otherwise.
  const consoleOnly = adapterPlan.console && !adapterPlan.slack && !adapterPlan.discord;
  const log = createLogger({ level: consoleOnly && !process.env.LOG_LEVEL ? 'warn' : config.logLevel });

  if (adapterPlan.problems.length > 0) {
    throw new PaperclubError('config_invalid', `Chat configuration is incomplete:\n  ${adapterPlan.problems.join('\n  ')}`);
  }
  process.stderr.write(`paperclub: starting (pid ${process.pid})\n  ${adapterPlan.reasons.join('\n  ')}\n`);

  // Registered before anything starts, so a signal during startup still closes what is already open.
  logShutdown = (reason) => log.info({ reason }, 'shutting down');
  onShutdownSignal(log, shutdown);

  // An HTTP server (with /metrics) only when Slack or Discord is on; a console session has none.
  const serving = Boolean(adapterPlan.slack || adapterPlan.discord);
  const core = await createCoreServices(config, log, {
    librarySnapshot: librarySnapshotFile(import.meta.url),
    // Serving needs no Redis; the console's first command may (it waits, as it always did).
    redisInBackground: serving && !adapterPlan.console,
  });
  closers.push(() => core.close());

  // Jobs start the moment Redis answers (now, or later); until then digests explain why they cannot.
  const chat = new ChatRegistry();
  const digests = digestsUntilJobsRun(() => core.redis.detail());
  const announcements = announcementsUntilJobsRun(() => core.redis.detail());
  let runtime: JobRuntime | null = null;
  let runtimeStarting: Promise<void> = Promise.resolve();
  // What waits until /healthz answers: loading BullMQ, building the search index. Released by the
  // HTTP server listening, by a process that has none (the console), or by a shutdown.
  let serve: () => void = () => undefined;
  const servingOrNot = new Promise<void>((resolve) => (serve = resolve));
  releaseOnShutdown = () => serve();
  const processMetrics = serving
    ? createProcessMetrics({
        role: 'bot',
        version: packageVersion(import.meta.url),
        sources: processSources(core.redis, () => runtime),
        log,
      })
    : null;
  closers.push(async () => {
    await runtimeStarting;
    await runtime?.close();
  });
  core.redis.whenReady((_client, redisOptions) => {
    if (stopping) return;
    runtimeStarting = (async () => {
      // BullMQ and the job handlers load once the process serves (or at once without an HTTP server).
      await servingOrNot;
      if (stopping) return;
      const { startJobRuntime } = await import('../jobs/runtime.ts');
      if (stopping) return;
      const started = await startJobRuntime({
        redis: redisOptions,
        prefix: config.redis.prefix,
        store: core.store,
        library: core.library,
        chat: chat.all(),
        config,
        log: log.child({ component: 'jobs' }),
        ...(processMetrics ? { metrics: processMetrics.metrics } : {}),
      });
      runtime = started;
      digests.use(started.digests);
      announcements.use(started.announcements);
      process.stderr.write('  jobs: alerts and digests run in this process (npm run worker adds more workers)\n');
    })();
    return runtimeStarting;
  });
  void core.redisLookedFor.then(() => {
    const redisState = core.redis.state();
    if (redisState === 'none') process.stderr.write(`  jobs: off (${core.redis.detail()})\n`);
    else if (redisState === 'waiting') process.stderr.write(`  jobs: waiting for Redis (${core.redis.detail()}); search, show and cite work meanwhile\n`);
  });

  // arXiv lookups share the deployment's gate once Redis answers, and this process's spacer before.
  const localGate = new RequestSpacer();
  const sharedGates = new WeakMap<object, ArxivRequestGate>();
  const arxivGate: ArxivRequestGate = {
    run: (task) => {
      const client = core.redis.state() === 'connected' ? core.redis.client() : null;
      if (!client) return localGate.run(task);
      let shared = sharedGates.get(client);
      if (!shared) sharedGates.set(client, (shared = createSharedArxivGate({ redis: client, key: arxivGateKey(config.redis.prefix) })));
      return shared.run(task);
    },
  };
  const services: CommandServices = {
    library: core.library,
    search: core.search,
    store: core.store,
    digests,
    announcements,
    ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    clock: systemClock,
    // Held-back papers are known once the job runtime runs (it starts when Redis answers).
    deliveries: {
      heldBack: async (channel) => {
        const held = runtime ? await runtime.held(channel) : null;
        if (!held) throw new PaperclubError('storage_unavailable', 'Deliveries need Redis, which is not running');
        return { papers: held.papers, oldestSince: held.oldestSince?.toISOString() ?? null };
      },
    },
    arxiv: createArxivLookup({
      client: createArxivApiClient({ apiUrl: config.arxiv.apiUrl, userAgent: config.arxiv.userAgent, log, spacer: arxivGate }),
      log,
    }),
    ...(processMetrics ? { metrics: processMetrics.metrics } : {}),
  };
  const deps: AdapterDeps = { commands, services, log };
  // A signed request is accepted once, by whichever process of the deployment gets it first.
  const replay = redisReplayGuard({
    redis: () => core.redis.client(),
    prefix: config.redis.prefix,
    onFallback: (error) => log.warn({ err: error }, 'replay check fell back to this process (Redis did not answer)'),
  });

  const adapters: RunningAdapter[] = [];
  const started = (adapter: RunningAdapter): RunningAdapter => {
    adapters.push(adapter);
    closers.push(() => adapter.stop());
    return adapter;
  };
  // A platform's adapter, and its SDK, load only when that platform is configured (Bolt takes about
  // 0.2 s; the Discord adapter loads discord.js only for its gateway, in the background).
  if (adapterPlan.slack) {
    const s = config.slack;
    const { createSlackAdapter } = await import('../adapters/slack/index.ts');
    started(
      await createSlackAdapter(deps, {
        botToken: s.botToken!,
        signingSecret: s.signingSecret,
        appToken: adapterPlan.slack.mode === 'socket' ? s.appToken : undefined,
        apiUrl: s.apiUrl,
        adminUsers: s.adminUsers,
        replay,
      }),
    );
  }
  if (adapterPlan.discord) {
    const d = config.discord;
    const { createDiscordAdapter } = await import('../adapters/discord/index.ts');
    started(
      await createDiscordAdapter(deps, {
        token: d.token,
        applicationId: d.applicationId!,
        publicKey: d.publicKey,
        apiUrl: d.apiUrl,
        gateway: adapterPlan.discord.gateway,
        messageContent: d.messageContent,
        replay,
      }),
    );
  }
  let consoleDone: Promise<void> | null = null;
  if (adapterPlan.console) {
    const { startConsoleAdapter } = await import('../adapters/console/index.ts');
    const consoleAdapter = await startConsoleAdapter({ ...deps, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
    started(consoleAdapter);
    consoleDone = consoleAdapter.done;
  }
  for (const adapter of adapters) chat.register(adapter.chat);

  const routes: Record<string, HttpRoute> = Object.assign({}, ...adapters.map((a) => a.routes));
  if (adapterPlan.slack || adapterPlan.discord) {
    routes[CALENDAR_ROUTE_PREFIX] = clubCalendarRoute({ store: core.store, library: core.library, initial: core.library.readingOrder(), clock: systemClock, log });
  }
  let http: RunningHttpServer | null = null;
  if (processMetrics) routes['/metrics'] = processMetrics.route;
  if (serving && dashboardEnabled(config.admin)) {
    routes[`${ADMIN_PATH}/*`] = adminDashboardRoute({
      credentials: config.admin,
      readOnly: config.admin.readOnly,
      queues: () => (runtime ? runtime.queues() : null),
      log: log.child({ component: 'admin' }),
    });
  }
  if (Object.keys(routes).length > 0 || serving) {
    http = await startHttpServer({
      port: config.port,
      routes,
      log,
      health: () =>
        healthReport({
          library: core.library,
          redis: core.redis,
          store: core.store,
          runtime: () => runtime,
          adapters: () => adapters,
          stopping: () => stopping !== null,
          startedAt,
        }),
    });
    const server = http;
    closers.push(() => server.close());
    process.stderr.write(`  http: listening on port ${new URL(server.url).port} (/healthz${Object.keys(routes).map((r) => `, ${r}`).join('')})\n`);
    // Serving already: prom-client's import no longer stands between a start and the first answer.
    void processMetrics?.load().catch((error: unknown) => log.error({ err: error }, 'metrics could not be loaded'));
  }
  serve();
  // The first search should not pay for the index: make it now, after the first answer could go out.
  setImmediate(() => {
    if (stopping) return;
    const started = performance.now();
    const origin = core.search.warm();
    log.info({ origin, ms: Math.round(performance.now() - started) }, origin === 'saved' ? "search index loaded from the build's snapshot" : 'search index built');
  });

  // Credentials: a refused token stops startup (configuration); an unreachable platform does not.
  await Promise.all(adapters.map((a) => a.started));
  const slack = adapters.find((a) => a.name === 'slack')?.health();
  if (slack?.state === 'unreachable') process.stderr.write(`  slack: cannot reach Slack to check the token (${String(slack['reason'])}); serving, and checking again in the background\n`);
  if (typeof slack?.['history'] === 'string' && slack['history'] !== 'ok') {
    process.stderr.write(`  slack: the token ${String(slack['history'])}; add the history scopes from adapters/slack/manifest.yml for exactly-once\n`);
  }

  if (consoleDone) {
    // A console session ends at EOF or /quit; so does the process.
    await consoleDone;
    await shutdown('console closed');
    process.exit(0);
  }
}

main().catch(async (error: unknown) => {
  const message = isPaperclubError(error) ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`paperclub: ${message}\n`);
  await shutdown('startup failed');
  // Exit code 2: the configuration is wrong (nothing to retry until someone fixes it); 1: anything else.
  process.exit(isPaperclubError(error) && error.code === 'config_invalid' ? 2 : 1);
});
