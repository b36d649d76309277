/**
 * The CLI adapter run in-process the way bin/cli.ts runs it (adapters/cli runCli over the command
 * definitions, with bin/admin-cli.ts's wiring to Redis and the job runner), but with a test's Redis
 * prefix, library, clock and chat ports. Each run gets fresh wiring, closed afterwards, as each
 * `paperclub` process does. The spawned bin is covered by test/integration/cli/.
 */
import { PassThrough } from 'node:stream';
import { runCli, type CliDeps } from '../../adapters/cli/index.ts';
import { createOperatorWiring, type OperatorWiringOptions } from '../../bin/admin-cli.ts';
import { allCommands } from '../../src/commands/index.ts';
import type { CommandServices } from '../../src/commands/types.ts';
import type { Library } from '../../src/library/library.ts';
import type { Logger } from '../../src/log.ts';
import { systemClock, type Clock } from '../../src/ports.ts';
import { SearchIndex } from '../../src/search/search-index.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliUnderTestOptions {
  library: Library;
  search?: SearchIndex;
  log: Logger;
  clock?: Clock;
  /** Everything the operator wiring takes except what is given above; consoleOutput defaults to `printed`. */
  wiring: Omit<OperatorWiringOptions, 'library' | 'log' | 'clock' | 'consoleOutput' | 'seedsDir'> & { seedsDir?: string };
  /** Changes to the services a run sees (e.g. a digest scheduler that fails). */
  services?: (services: CommandServices) => CommandServices;
}

export interface CliUnderTest {
  run(...argv: string[]): Promise<CliRun>;
  /** Runs with text on stdin. */
  runWithInput(input: string, ...argv: string[]): Promise<CliRun>;
  /** What was printed for console channels (alerts, digests, shares). */
  printed: string[];
  options: CliUnderTestOptions;
}

export function cliUnderTest(options: CliUnderTestOptions): CliUnderTest {
  const printed: string[] = [];
  const search = options.search ?? new SearchIndex(options.library.entries);
  const runWith = async (input: string, argv: string[]): Promise<CliRun> => {
    const clock = options.clock ?? systemClock;
    const wiring = createOperatorWiring({
      seedsDir: 'seeds',
      ...options.wiring,
      library: options.library,
      log: options.log,
      clock,
      consoleOutput: (text) => printed.push(text),
    });
    const base: CommandServices = {
      library: options.library,
      search,
      store: wiring.store,
      digests: wiring.digests,
      announcements: wiring.announcements,
      clock,
      deliveries: wiring.deliveries,
      operator: wiring.operator,
    };
    const deps: CliDeps = {
      commands: allCommands,
      services: async () => (options.services ? options.services(base) : base),
      post: (channel, message) => wiring.post(channel, message),
      operatorId: 'cli:tester',
      version: '0.0.0-test',
      log: options.log,
    };
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const stdin = new PassThrough();
    let out = '';
    let err = '';
    stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    stdin.end(input);
    try {
      const code = await runCli(argv, { stdout, stderr, stdin }, deps);
      return { code, stdout: out, stderr: err };
    } finally {
      await wiring.close();
    }
  };
  return {
    run: (...argv) => runWith('', argv),
    runWithInput: (input, ...argv) => runWith(input, argv),
    printed,
    options,
  };
}
