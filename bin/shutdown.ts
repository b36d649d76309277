/** SIGTERM/SIGINT: stop taking work, finish what is in flight, close connections, exit 0. */
import type { Logger } from '../src/log.ts';

export function onShutdownSignal(log: Logger, shutdown: (reason: string) => Promise<void>): void {
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (signalled) {
        log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      signalled = true;
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
