/**
 * Slack bursts: N signed `/paper` slash commands sent at once over real HTTP on 127.0.0.1, mixed like
 * real use (search, show, cite in BibTeX, APA and RIS), into the real adapter in HTTP mode.
 *
 * Three processes, as in production where Slack is elsewhere: the adapter alone in its event loop
 * (slack-burst-server.ts), the fake Slack API receiving the response_url posts (slack-fake-process.ts),
 * and this one, which sends the requests and times the acks. The N connections are opened before each
 * burst (as a reverse proxy's keep-alive pool would hold them), so the figures are about the adapter
 * and not about TCP handshakes.
 *
 * Per burst: ack = the HTTP answer to each request, from the moment it was sent; answer = the first
 * response_url post for that request, from the same moment (wall clock, ms). Figures are the median
 * over the runs of each run's p50 / p99 / max. Every request must get exactly one answer: a missing
 * or a second post fails the bench.
 */
import http from 'node:http';
import { signedHeaders, slashCommandBody } from '../test/integration/slack/harness.ts';
import { startBenchChild, type BenchChild } from './child-process.ts';
import type { BurstServerReady } from './slack-burst-server.ts';
import type { FakeReply, FakeRequest } from './slack-fake-process.ts';
import { median, quantile, round } from './stats.ts';
import type { BenchFigures } from './types.ts';

/** What members type, in rough proportion: mostly search, then show and cite. */
export const BURST_COMMANDS = [
  'search lora',
  'show 1706.03762',
  'cite 2106.09685',
  'search attention is all you need',
  'search mixture of experts',
  'cite 1706.03762 apa',
  'show 2106.09685',
  'search rope scaling',
  'cite 2106.09685 ris',
  'show 2305.14314',
] as const;

export interface BurstPlan {
  size: number;
  runs: number;
}

const WARM_UP: BurstPlan = { size: 50, runs: 1 };
const ANSWER_TIMEOUT_MS = 120_000;

interface BurstRun {
  acks: number[];
  answers: number[];
  delivered: number;
}

type FakeReady = Extract<FakeReply, { type: 'ready' }>;

function ask(fake: BenchChild<FakeReady>, request: FakeRequest): Promise<FakeReply> {
  return new Promise((resolve) => {
    fake.process.once('message', (reply) => resolve(reply as FakeReply));
    fake.process.send(request);
  });
}

/** Resolves with the milliseconds until the HTTP answer; rejects on anything but 200. */
function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const sentAt = performance.now();
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode === 200 ? resolve(performance.now() - sentAt) : reject(new Error(`a slash command was answered with HTTP ${res.statusCode}`))));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** Opens `count` keep-alive connections (concurrent GET /healthz) so the burst finds them open. */
async function openConnections(agent: http.Agent, base: string, count: number): Promise<void> {
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          http.get(`${base}/healthz`, { agent }, (res) => res.resume().once('end', resolve)).once('error', reject);
        }),
    ),
  );
}

async function runBurst(server: BurstServerReady, fake: BenchChild<FakeReady>, size: number, tag: string): Promise<BurstRun> {
  const events = new URL(`${server.url}/slack/events`);
  const requests = Array.from({ length: size }, (_, i) => {
    const responseUrl = `${fake.ready.url}/response/${tag}-${i}`;
    const body = slashCommandBody(BURST_COMMANDS[i % BURST_COMMANDS.length]!, responseUrl);
    return { body, headers: signedHeaders(body, 'application/x-www-form-urlencoded'), path: new URL(responseUrl).pathname };
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: Infinity });
  try {
    await openConnections(agent, server.url, size);
    const sentAt = Date.now();
    const [acks, counted] = await Promise.all([
      Promise.all(requests.map((r) => post(agent, events, r.body, r.headers))),
      ask(fake, { type: 'count', paths: requests.map((r) => r.path), timeoutMs: ANSWER_TIMEOUT_MS }),
    ]);
    if (counted.type !== 'counted') throw new Error(counted.type === 'failed' ? counted.error : `unexpected reply from the fake Slack: ${counted.type}`);
    const twice = Object.entries(counted.posts).filter(([, posts]) => posts.length > 1);
    if (twice.length > 0) throw new Error(`${twice.length} requests of a ${size}-burst were answered more than once (e.g. ${twice[0]![0]})`);
    return {
      acks,
      answers: Object.values(counted.posts).map((posts) => posts[0]! - sentAt),
      delivered: Object.keys(counted.posts).length,
    };
  } finally {
    agent.destroy();
  }
}

/** Runs the plans against one adapter process; figures `burst<size>_…` per plan. */
export async function slackBurstFigures(plans: readonly BurstPlan[], log: (line: string) => void): Promise<BenchFigures> {
  const fake = await startBenchChild<FakeReady>('bench/slack-fake-process.ts');
  let server: BenchChild<BurstServerReady> | undefined;
  const figures: BenchFigures = {};
  try {
    server = await startBenchChild<BurstServerReady>('bench/slack-burst-server.ts', { SLACK_API_URL: fake.ready.apiUrl });
    log(`slack burst: warm-up burst of ${WARM_UP.size}`);
    await runBurst(server.ready, fake, WARM_UP.size, 'warm-up');
    for (const { size, runs } of plans) {
      const results: BurstRun[] = [];
      for (let run = 0; run < runs; run += 1) {
        results.push(await runBurst(server.ready, fake, size, `burst${size}-${run}`));
        const last = results.at(-1)!;
        log(`slack burst: ${size} at once, run ${run + 1}/${runs}: ack p99 ${round(quantile(last.acks, 0.99), 1)} ms, ${last.delivered} answered`);
      }
      const key = `burst${size}`;
      figures[`${key}_runs`] = runs;
      figures[`${key}_ack_p50_ms`] = round(median(results.map((r) => quantile(r.acks, 0.5))));
      figures[`${key}_ack_p99_ms`] = round(median(results.map((r) => quantile(r.acks, 0.99))));
      figures[`${key}_ack_max_ms`] = round(median(results.map((r) => Math.max(...r.acks))));
      figures[`${key}_answer_p50_ms`] = round(median(results.map((r) => quantile(r.answers, 0.5))));
      figures[`${key}_answer_p99_ms`] = round(median(results.map((r) => quantile(r.answers, 0.99))));
      figures[`${key}_answers_delivered`] = Math.min(...results.map((r) => r.delivered));
    }
  } finally {
    await server?.stop();
    fake.process.send({ type: 'stop' } satisfies FakeRequest);
    await fake.stop();
  }
  return figures;
}
