/**
 * Slack ack latency: time from sending a signed `/paper` slash command over HTTP on loopback to the
 * adapter's HTTP answer (the ack Slack needs within 3 s), for `search` and `cite`. Also reported: the
 * time until the answer reached response_url (the fake Slack API on loopback).
 *
 * The real adapter runs in HTTP mode with the seed library and search index; channel state is not
 * needed by search and cite, so the store is the "Redis unavailable" one and no Redis is required.
 * Requests go one at a time, after a warm-up, each waiting for its response_url post.
 *
 * Then bursts (slack-burst.ts): 100 and 500 mixed slash commands sent at once to the adapter in a
 * process of its own, `burst100_…` and `burst500_…`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { commands } from '../src/commands/index.ts';
import type { CommandServices } from '../src/commands/types.ts';
import { loadLibrary } from '../src/library/library.ts';
import { silentLogger } from '../src/log.ts';
import { systemClock } from '../src/ports.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { unavailableStore } from '../src/store/unavailable.ts';
import { startFixtureServer } from '../test/helpers/http-fixture-server.ts';
import { startFakeSlackApi } from '../test/integration/slack/fake-slack-api.ts';
import { SIGNING_SECRET, signedHeaders, slashCommandBody } from '../test/integration/slack/harness.ts';
import { noDigests } from './no-digests.ts';
import { slackBurstFigures, type BurstPlan } from './slack-burst.ts';
import { quantile, round, timeAsync } from './stats.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = 300;
const WARM_UP = 20;

const COMMANDS = [
  { key: 'search', texts: ['search lora', 'search attention is all you need', 'search mixture of experts', 'search rope scaling'] },
  { key: 'cite', texts: ['cite 2106.09685', 'cite 1706.03762', 'cite 2106.09685 apa', 'cite 1706.03762 ris'] },
] as const;

const BURSTS: readonly BurstPlan[] = [
  { size: 100, runs: 5 },
  { size: 500, runs: 3 },
];

export const slackAckBenchmark: Benchmark = {
  name: 'slack-ack',
  async run({ log }) {
    const library = await loadLibrary({ seedsDir: path.join(ROOT, 'seeds') });
    const services: CommandServices = {
      library,
      search: new SearchIndex(library.entries),
      store: unavailableStore('the Slack ack bench runs without Redis'),
      digests: noDigests('the Slack ack bench'),
      clock: systemClock,
    };
    const api = await startFakeSlackApi();
    const adapter = await createSlackAdapter(
      { commands, services, log: silentLogger() },
      { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, adminUsers: [] },
    );
    const route = adapter.routes['/slack/events']!;
    const server = await startFixtureServer((req, res) => route(req, res));
    const url = `${server.url}/slack/events`;
    const figures: Record<string, number | string> = { requests_per_command: REQUESTS, transport: 'HTTP/1.1 keep-alive on 127.0.0.1' };

    try {
      for (const { key, texts } of COMMANDS) {
        log(`slack ack: ${WARM_UP} warm-up + ${REQUESTS} × /paper ${key}`);
        const acks: number[] = [];
        const answers: number[] = [];
        for (let i = 0; i < WARM_UP + REQUESTS; i += 1) {
          const responseUrl = api.responseUrl(`${key}-${i}`);
          const responsePath = new URL(responseUrl).pathname;
          const body = slashCommandBody(texts[i % texts.length]!, responseUrl);
          const headers = signedHeaders(body, 'application/x-www-form-urlencoded');
          const start = process.hrtime.bigint();
          const ack = await timeAsync(async () => {
            const res = await fetch(url, { method: 'POST', headers, body });
            await res.arrayBuffer();
            return res.status;
          });
          if (ack.value !== 200) throw new Error(`/paper ${key} was answered with HTTP ${ack.value}`);
          await api.waitFor((c) => c.path === responsePath, 1, 30_000);
          const answered = Number(process.hrtime.bigint() - start) / 1e6;
          if (i >= WARM_UP) {
            acks.push(ack.ms);
            answers.push(answered);
          }
        }
        api.reset();
        figures[`${key}_ack_p50_ms`] = round(quantile(acks, 0.5));
        figures[`${key}_ack_p99_ms`] = round(quantile(acks, 0.99));
        figures[`${key}_ack_max_ms`] = round(Math.max(...acks));
        figures[`${key}_answer_p50_ms`] = round(quantile(answers, 0.5));
        figures[`${key}_answer_p99_ms`] = round(quantile(answers, 0.99));
      }
    } finally {
      await adapter.stop();
      await server.close();
      await api.close();
    }
    return { ...figures, ...(await slackBurstFigures(BURSTS, log)) };
  },
};
