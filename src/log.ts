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
