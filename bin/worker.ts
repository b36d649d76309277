/**
 * `npm run worker`: only the job workers (arXiv polls, alert deliveries, digests) against REDIS_URL,
 * so more machines can share the load on the same Redis. Deliveries post through the adapters' chat
 * ports built from configuration (no slash-command handling here). SIGTERM/SIGINT: stop taking jobs,
 * finish the current ones, close connections, exit 0.
 */
import { PaperclubError, isPaperclubError } from '../src/errors.ts';
import { createLogger } from '../src/log.ts';
import { startJobRuntime } from '../jobs/runtime.ts';
import { createCoreServices } from './core-services.ts';
import { deliveryChatPorts } from './delivery-ports.ts';
import { configFromEnvironment } from './env.ts';
import { onShutdownSignal } from './shutdown.ts';

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

main().catch((error: unknown) => {
  const message = isPaperclubError(error) ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`paperclub worker: ${message}\n`);
  // Exit code 2: the configuration is wrong (nothing to retry until someone fixes it); 1: anything else.
  process.exit(isPaperclubError(error) && error.code === 'config_invalid' ? 2 : 1);
});
