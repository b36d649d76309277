/**
 * Start-up, as an operator and a CLI user meet it, from the compiled build (dist/, rebuilt first when
 * stale):
 *
 * - `start_to_healthy_ms`: `npm start --silent` (npm, then node with the staleness check preloaded;
 *   --silent only hides npm's banner) until GET /healthz answers 200; `start_node_to_healthy_ms`: the
 *   same for `node dist/start.js`. Both with
 *   Slack in HTTP mode (its Web API a local fake, so the token check answers at once), Redis at
 *   127.0.0.1:6379 under a fresh key prefix, arXiv on a closed port. /healthz is polled every 10 ms.
 * - `start_node_to_healthy_discord_ms`: `node dist/start.js` with only Discord's HTTP interactions
 *   endpoint (the end-to-end tests' configuration: no SDK at all on the way to serving).
 * - `start_node_to_jobs_ms`: until /healthz says the job runtime runs (BullMQ loads after serving).
 * - `rss_after_start_mb`: the bot's resident memory 2 s after its jobs run (Slack configuration).
 * - `cli_search_ms`, `cli_cite_ms`: one-shot `node bin/paperclub.js search lora` / `cite 2106.09685`,
 *   the bin as installed (it checks that dist/ is current, then runs dist/cli.js).
 * - `node_empty_ms`: `node -e ''` on the same machine, to read the others against.
 *
 * Each figure is the median of RUNS runs. Every process is stopped (SIGTERM, then SIGKILL) and the key
 * prefix deleted afterwards.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildIfStale } from '../scripts/build.mjs';
import { freePort } from '../test/helpers/throwaway-redis.ts';
import { exited, processEnv, ROOT, watchOutput } from '../test/integration/e2e/processes.ts';
import { startFakeSlackApi } from '../test/integration/slack/fake-slack-api.ts';
import { SIGNING_SECRET } from '../test/integration/slack/harness.ts';
import { median, round } from './stats.ts';
import type { Benchmark } from './types.ts';

const RUNS = 7;
const HEALTHY_WITHIN_MS = 30_000;
/** After the jobs run: prom-client, the search index and BullMQ's first round trips have settled. */
const SETTLE_MS = 2000;

interface Started {
  child: ChildProcessWithoutNullStreams;
  healthyMs: number;
  jobsMs: number | null;
  rssMb: number | null;
}

/** GET /healthz until 200 (and, with `untilJobs`, until its jobs part says running); ms since `t0`. */
async function pollHealth(port: number, t0: bigint, child: ChildProcessWithoutNullStreams, untilJobs: boolean): Promise<{ healthy: number; jobs: number | null }> {
  let healthy: number | null = null;
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before /healthz answered`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      const body = (await res.json()) as { parts?: { jobs?: { state?: string } } };
      const at = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status === 200) {
        healthy ??= at;
        if (!untilJobs) return { healthy, jobs: null };
        if (body.parts?.jobs?.state === 'running') return { healthy, jobs: at };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`/healthz did not answer 200${untilJobs ? ' with jobs running' : ''} within ${HEALTHY_WITHIN_MS} ms`);
}

function residentMb(pid: number): number | null {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : null;
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited(child);
  clearTimeout(killer);
}

async function runMedian(label: string, runs: number, once: () => Promise<number>, log: (line: string) => void): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await once());
  log(`${label}: ${samples.map((ms) => Math.round(ms)).join(', ')} ms`);
  return round(median(samples), 0);
}

/** One command to completion; its wall time in ms. */
async function timedCommand(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const t0 = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export const startupBenchmark: Benchmark = {
  name: 'startup',
  async run({ log }) {
    if (await buildIfStale()) log('built dist/');
    const env = processEnv('bench-startup');
    const slackApi = await startFakeSlackApi();
    const { publicKey } = generateKeyPairSync('ed25519');
    const slack = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slackApi.apiUrl };
    const discord = {
      DISCORD_APPLICATION_ID: '290926444748734465',
      DISCORD_PUBLIC_KEY: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex'),
      DISCORD_API_URL: 'http://127.0.0.1:9',
    };
    const running = new Set<ChildProcessWithoutNullStreams>();

    const start = async (how: 'npm' | 'node', platform: Record<string, string>, untilJobs: boolean): Promise<Started> => {
      const port = await freePort();
      const extra = { ...platform, PORT: String(port) };
      const t0 = process.hrtime.bigint();
      const child = how === 'npm' ? env.npm('start', extra) : env.spawn('start', extra);
      running.add(child);
      const out = watchOutput(child);
      try {
        const { healthy, jobs } = await pollHealth(port, t0, child, untilJobs);
        let rssMb: number | null = null;
        if (untilJobs && how === 'node') {
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          rssMb = residentMb(child.pid!);
        }
        return { child, healthyMs: healthy, jobsMs: jobs, rssMb };
      } catch (error) {
        throw new Error(`${how} start: ${(error as Error).message}; stderr:\n${out.text().slice(-2000)}`);
      }
    };
    const startAndStop = async (how: 'npm' | 'node', platform: Record<string, string>): Promise<number> => {
      const started = await start(how, platform, false);
      await stop(started.child);
      running.delete(started.child);
      return started.healthyMs;
    };

    try {
      const nodeEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
      const nodeEmpty = await runMedian('node -e ""', RUNS, () => timedCommand(process.execPath, ['-e', ''], nodeEnv), log);

      const npmStart = await runMedian('npm start → /healthz 200 (Slack HTTP)', RUNS, () => startAndStop('npm', slack), log);
      const nodeStart = await runMedian('node dist/start.js → /healthz 200 (Slack HTTP)', RUNS, () => startAndStop('node', slack), log);
      const discordStart = await runMedian('node dist/start.js → /healthz 200 (Discord interactions only)', RUNS, () => startAndStop('node', discord), log);

      const jobs: number[] = [];
      const rss: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const started = await start('node', slack, true);
        jobs.push(started.jobsMs!);
        if (started.rssMb !== null) rss.push(started.rssMb);
        await stop(started.child);
        running.delete(started.child);
      }
      log(`node dist/start.js → jobs running: ${jobs.map((ms) => Math.round(ms)).join(', ')} ms; RSS ${rss.map((mb) => Math.round(mb)).join(', ')} MB`);

      const cliEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
      const cli = (args: string[]) => () => timedCommand(process.execPath, ['bin/paperclub.js', ...args], cliEnv);
      const cliSearch = await runMedian('paperclub search lora', RUNS, cli(['search', 'lora']), log);
      const cliCite = await runMedian('paperclub cite 2106.09685', RUNS, cli(['cite', '2106.09685']), log);

      return {
        runs: RUNS,
        start_config: 'Slack HTTP mode (fake Web API), Redis 127.0.0.1:6379',
        start_to_healthy_ms: npmStart,
        start_node_to_healthy_ms: nodeStart,
        start_node_to_healthy_discord_ms: discordStart,
        start_node_to_jobs_ms: round(median(jobs), 0),
        rss_after_start_mb: round(median(rss), 0),
        cli_search_ms: cliSearch,
        cli_cite_ms: cliCite,
        node_empty_ms: nodeEmpty,
      };
    } finally {
      await Promise.all([...running].map((child) => stop(child)));
      await slackApi.close();
      await env.cleanup();
    }
  },
};
