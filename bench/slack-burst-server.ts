/**
 * The process under test for the burst runs of bench/slack-ack.ts: the real Slack adapter in HTTP mode
 * behind paperclub's own HTTP server (bin/http-server.ts), with the seed library and its search index,
 * alone in its event loop as in production. The bench process plays Slack (it sends the signed
 * requests and receives the response_url posts), so its own work never delays this process's acks.
 *
 * Started by bench/child-process.ts (`node --import tsx`, with an IPC channel); reads the fake Slack API
 * base from SLACK_API_URL, sends `{ url }` once it listens, and stops on SIGTERM. BURST_LOG=<file>
 * writes the adapter's warnings there (a lost answer says why); otherwise it logs nothing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpServer } from '../bin/http-server.ts';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { commands } from '../src/commands/index.ts';
import { loadLibrary } from '../src/library/library.ts';
import { createLogger, silentLogger } from '../src/log.ts';
import { pino } from 'pino';
import { systemClock } from '../src/ports.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { unavailableStore } from '../src/store/unavailable.ts';
import { SIGNING_SECRET } from '../test/integration/slack/harness.ts';
import { noDigests } from './no-digests.ts';

export interface BurstServerReady {
  url: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiUrl = process.env.SLACK_API_URL;
if (!apiUrl) throw new Error('bench/slack-burst-server.ts needs SLACK_API_URL (the fake Slack API base)');

const log = process.env.BURST_LOG ? createLogger({ level: 'warn', destination: pino.destination(process.env.BURST_LOG) }) : silentLogger();
const library = await loadLibrary({ seedsDir: path.join(ROOT, 'seeds') });
const adapter = await createSlackAdapter(
  {
    commands,
    services: {
      library,
      search: new SearchIndex(library.entries),
      store: unavailableStore('the Slack burst bench runs without Redis'),
      digests: noDigests('the Slack burst bench'),
      clock: systemClock,
    },
    log,
  },
  { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, apiUrl, adminUsers: [] },
);
const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes: adapter.routes, health: async () => ({ ok: true }), log });

process.once('SIGTERM', () => {
  void adapter
    .stop()
    .then(() => server.close())
    .finally(() => process.exit(0));
});
const ready: BurstServerReady = { url: server.url };
process.send?.(ready);
