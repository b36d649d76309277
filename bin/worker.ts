/**
 * `npm run worker`: only the job workers (arXiv polls, alert deliveries, digests) against REDIS_URL,
 * so more machines can share the load on the same Redis. Deliveries post through chat ports built from
 * configuration (no slash-command handling here). A Redis that does not answer yet is waited for (said
 * once a minute); the workers start the moment it answers, and ride out later Redis restarts.
 * A small HTTP server on WORKER_PORT serves /healthz (the bot's report without the chat adapters) and
 * /metrics, so an orchestrator can check each worker and Prometheus can scrape it.
 * SIGTERM/SIGINT: stop taking jobs, finish the current ones, close connections, exit 0.
 */
import type { SlackChatPort } from '../adapters/slack/chat-port.ts';
import { PaperclubError, isPaperclubError } from '../src/errors.ts';
import { createLogger, type Logger } from '../src/log.ts';
import type { ChatPort } from '../src/ports.ts';
import { startJobRuntime, type JobRuntime } from '../jobs/runtime.ts';
import { createCoreServices } from './core-services.ts';
import { librarySnapshotFile } from '../src/library/snapshot.ts';
import { deliveryChatPorts } from './delivery-ports.ts';
import { configFromEnvironment } from './env.ts';
import { onShutdownSignal } from './shutdown.ts';
import { healthReport } from './health.ts';
import { startHttpServer } from './http-server.ts';
import { createProcessMetrics, processSources } from './metrics.ts';
import { packageVersion } from './package-version.ts';

const closers: Array<() => Promise<void>> = [];
let stopping: Promise<void> | null = null;
function shutdown(): Promise<void> {
  stopping ??= (async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  })();
  return stopping;
}

/** Says at start whether Slack deliveries can be checked in channel history (exactly once) or not. */
async function reportSlackHistory(port: ChatPort | undefined, log: Logger): Promise<void> {
  // Only Slack's port can say (the port is loaded with Bolt, when a Slack token is set).
  const slack = port as Partial<Pick<SlackChatPort, 'historyAccess'>> | undefined;
  if (!slack?.historyAccess) return;
  try {
    const access = await slack.historyAccess();
    if (!access.ok) {
      process.stderr.write(`  slack: the token lacks ${access.missing.join(', ')}: a post whose outcome is unknown is not retried (at most once); add the scopes from adapters/slack/manifest.yml\n`);
    }
  } catch (error) {
    log.warn({ err: error }, 'could not check the Slack token\'s scopes (Slack unreachable?); deliveries retry as usual');
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const config = configFromEnvironment();
  const log = createLogger({ level: config.logLevel });
  // Registered first, so a signal during startup still closes what is already open (newest first).
  onShutdownSignal(log, async (reason) => {
    log.info({ reason }, 'worker shutting down: finishing current jobs');
    await shutdown();
  });

  const core = await createCoreServices(config, log, { librarySnapshot: librarySnapshotFile(import.meta.url) });
  closers.push(() => core.close());
  if (core.redis.state() === 'none') throw new PaperclubError('storage_unavailable', `the worker needs Redis: ${core.redis.detail()}`);
  const chat = await deliveryChatPorts(config, log, (text) => process.stdout.write(text));
  void reportSlackHistory(chat.slack, log);

  let runtime: JobRuntime | null = null;
  let starting: Promise<void> = Promise.resolve();
  closers.push(async () => {
    await starting;
    await runtime?.close();
  });

  const processMetrics = createProcessMetrics({
    role: 'worker',
    version: packageVersion(import.meta.url),
    sources: processSources(core.redis, () => runtime),
    log,
  });
  const http = await startHttpServer({
    port: config.workerPort,
    routes: { '/metrics': processMetrics.route },
    log,
    health: () =>
      healthReport({
        library: core.library,
        redis: core.redis,
        store: core.store,
        runtime: () => runtime,
        extra: () => {
          const platforms = Object.keys(chat).filter((p) => p !== 'console');
          return { posting: { state: platforms.length > 0 ? 'on' : 'off', platforms } };
        },
        stopping: () => stopping !== null,
        startedAt,
      }),
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new PaperclubError('config_invalid', `WORKER_PORT ${config.workerPort} is in use: give each worker on this machine its own WORKER_PORT (0 picks a free one)`, {
      variables: ['WORKER_PORT'],
    });
  });
  // Closed first on shutdown (closers run newest first): /healthz says 503 only until then.
  closers.push(() => http.close());
  process.stderr.write(`paperclub worker: /healthz and /metrics on port ${new URL(http.url).port}\n`);
  void processMetrics.load().catch((error: unknown) => log.error({ err: error }, 'metrics could not be loaded'));

  if (core.redis.state() === 'waiting') process.stderr.write(`paperclub worker: waiting for Redis (${core.redis.detail()})\n`);
  core.redis.whenReady((_client, redisOptions) => {
    if (stopping) return;
    starting = (async () => {
      runtime = await startJobRuntime({
        redis: redisOptions,
        prefix: config.redis.prefix,
        store: core.store,
        library: core.library,
        chat,
        config,
        log: log.child({ component: 'jobs' }),
        metrics: processMetrics.metrics,
      });
      process.stderr.write(
        `paperclub worker (pid ${process.pid}): polling ${config.pollCron}, delivering to ${Object.keys(chat).join(', ')}, digests on; Ctrl-C or SIGTERM to stop\n`,
      );
    })();
    return starting;
  });
}

main().catch(async (error: unknown) => {
  const message = isPaperclubError(error) ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`paperclub worker: ${message}\n`);
  await shutdown();
  // Exit code 2: the configuration is wrong (nothing to retry until someone fixes it); 1: anything else.
  process.exit(isPaperclubError(error) && error.code === 'config_invalid' ? 2 : 1);
});
