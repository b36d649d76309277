import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** The one root logger. Commands and jobs log through `log.child({ platform, channel, job })`. */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino({ level: options.level ?? 'info', base: { app: 'paperclub' } }, options.destination ?? pino.destination(2));
}

/** A logger that drops everything: for tests and CLI paths where logs would be noise. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * Wraps a reporter so it runs at most once per `intervalMs` (a minute by default); calls in between are
 * counted and the count is passed to the next report. For errors that repeat on every reconnect.
 */
export function everyMinuteAtMost<A extends unknown[]>(report: (suppressed: number, ...args: A) => void, intervalMs = 60_000): (...args: A) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (...args: A) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      suppressed += 1;
      return;
    }
    last = now;
    report(suppressed, ...args);
    suppressed = 0;
  };
}
