/**
 * Every command definition, run through the real `paperclub` bin (a spawned process, as a user or a
 * script runs it) against real Redis under a test prefix, a local server replaying arXiv's feed and
 * API answers, and a copy of the seeds. The table below must name every definition: a command that
 * is defined (and so documented by the generated help) can never be missing from the CLI again, and a
 * documented command that does not exist fails here too.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCommands } from '../../../src/commands/help-text.ts';
import { allCommands } from '../../../src/commands/index.ts';
import { createRedisStore } from '../../../src/store/redis/index.ts';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import { connectTestRedis, deleteKeysWithPrefix, randomPrefix } from '../../helpers/redis.ts';
import { ROOT, SEEDS_DIR, runCli, type CliRun } from './run-cli.ts';

const FEED = readFileSync(join(ROOT, 'test/fixtures/arxiv/rss2-quant-ph-2025-04-28.xml'), 'utf8');
const NO_RESULTS = readFileSync(join(ROOT, 'test/fixtures/arxiv/api-atom-idlist-no-results.xml'), 'utf8');

const LAB = 'console:every';

/** A Tuesday (the club's session day below) at least a week ahead, YYYY-MM-DD: a date `club skip` takes. */
function tuesdayAhead(): string {
  const day = new Date(Date.now() + 8 * 86_400_000);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
const SKIPPED = tuesdayAhead();
/** The club's week runs in a channel of its own, side by side with the main chain. */
const CLUB = 'console:every-club';
const member = (id: string) => ['--channel', CLUB, '--as', id];
const admin = ['--channel', CLUB, '--as-admin'];
const BLOCKED = 'slack:T1/CBLOCKED';

interface Step {
  argv: string[];
  /** What stdout must show. */
  shows: RegExp;
  code?: number;
  /** Touches no channel state: runs alongside the ordered steps. */
  independent?: boolean;
  /** Steps of one chain run in order; chains (each on its own channel) run side by side. Default: the main chain. */
  chain?: 'club';
}

/**
 * One or more runs per command, in the order they run (state builds up: topics before a poll, a
 * blocked channel before resume). Keyed by the command's full name.
 */
const STEPS: Record<string, Step[]> = {
  search: [{ argv: ['search', 'lora'], shows: /^» LoRA: Low-Rank Adaptation of Large Language Models$/m, independent: true }],
  show: [{ argv: ['show', 'dpo', '--channel', LAB], shows: /Direct Preference Optimization[\s\S]*Reading order: /m }],
  cite: [{ argv: ['cite', '2106.09685', 'apa'], shows: /\(2021\)\. LoRA: Low-Rank Adaptation of Large Language Models.*arXiv\. https:\/\/doi\.org\/10\.48550\/arXiv\.2106\.09685$/m, independent: true }],
  'topics add': [{ argv: ['topics', 'add', 'au:Rodney Van Meter', '--channel', LAB, '--as-admin'], shows: /^Now tracking au:"Rodney Van Meter"\./m }],
  'topics list': [{ argv: ['topics', 'list', '--channel', LAB], shows: /^• au:"Rodney Van Meter"$/m }],
  'club next': [{ chain: 'club', argv: ['club', 'next', '--channel', CLUB], shows: /^== This week's paper ==$/m }],
  'club list': [{ chain: 'club', argv: ['club', 'list', '--channel', CLUB], shows: /^== Reading queue ==$/m }],
  'club add': [{ chain: 'club', argv: ['club', 'add', 'mamba', ...admin], shows: /^Added Mamba: Linear-Time Sequence Modeling/m }],
  'club move': [{ chain: 'club', argv: ['club', 'move', 'mamba', '2', ...admin], shows: /^Moved Mamba: Linear-Time Sequence Modeling .* it is number 2 now\./m }],
  'club vote': [
    { chain: 'club', argv: ['club', 'vote', 'qlora', ...member('U1')], shows: /^Voted for QLoRA: Efficient Finetuning of Quantized LLMs \(2305\.14314\): 1 vote, in the lead/m },
    { chain: 'club', argv: ['club', 'vote', 'dpo', ...member('U1')], shows: /^Voted for Direct Preference Optimization/m },
  ],
  'club unvote': [{ chain: 'club', argv: ['club', 'unvote', 'dpo', ...member('U1')], shows: /^Withdrew your vote for Direct Preference Optimization/m }],
  'club votes': [{ chain: 'club', argv: ['club', 'votes', ...member('U2')], shows: /^1\. QLoRA: Efficient Finetuning of Quantized LLMs \(2305\.14314\): 1 vote$/m }],
  'club present': [{ chain: 'club', argv: ['club', 'present', ...member('U2')], shows: /^Thank you: you present .* at the club's next session\./m }],
  'club presenters': [{ chain: 'club', argv: ['club', 'presenters', ...member('U1')], shows: /^Session 1: U2 presents /m }],
  'club unclaim': [{ chain: 'club', argv: ['club', 'unclaim', ...member('U2')], shows: /^You no longer present /m }],
  'club ask': [{ chain: 'club', argv: ['club', 'ask', 'Why does it work?', ...member('U1')], shows: /^Added your question for .* \(1 so far\)\./m }],
  'club questions': [{ chain: 'club', argv: ['club', 'questions', ...member('U2')], shows: /^1\. U1: Why does it work\?$/m }],
  'club schedule': [{ chain: 'club', argv: ['club', 'schedule', 'tue', '17:00', 'Europe/Berlin', ...admin], shows: /^The club meets every Tuesday at 17:00 \(Europe\/Berlin\); each session is announced here 24 hours before/m }],
  'club skip': [{ chain: 'club', argv: ['club', 'skip', SKIPPED, ...admin], shows: new RegExp(`^No session on ${SKIPPED}\\.`, 'm') }],
  'club calendar': [{ chain: 'club', argv: ['club', 'calendar', ...member('U1')], shows: /\/club\/calendar\/[A-Za-z0-9_-]{32}\.ics/ }],
  'club done': [{ chain: 'club', argv: ['club', 'done', 'https://example.org/notes', ...admin], shows: /^Session 1 \(.*\) is archived with 1 question and the notes link\.\nNext up: QLoRA: Efficient Finetuning of Quantized LLMs \(2305\.14314\), chosen by vote \(1 vote\)\./m }],
  'club history': [{ chain: 'club', argv: ['club', 'history', ...member('U2')], shows: /#1 · .* · no presenter · 1 question · notes https:\/\/example\.org\/notes/ }],
  'club remove': [{ chain: 'club', argv: ['club', 'remove', 'mamba', ...admin], shows: /^Removed Mamba: Linear-Time Sequence Modeling .* with the votes and claims on it\./m }],
  'club unschedule': [{ chain: 'club', argv: ['club', 'unschedule', ...admin], shows: /no more sessions are announced/ }],
  'digest schedule': [{ argv: ['digest', 'schedule', 'fri', '16:00', 'Europe/Berlin', '--channel', LAB, '--as-admin'], shows: /every Friday at 16:00 \(Europe\/Berlin\)\. The next one is due Fri /m }],
  'digest preview': [{ argv: ['digest', 'preview', '--channel', LAB], shows: /^== Paper club digest ==$/m }],
  status: [
    { argv: ['status', '--channel', LAB], shows: /Weekly digest: every Friday at 16:00 \(Europe\/Berlin\)/ },
    { argv: ['status', '--all'], shows: new RegExp(`${BLOCKED}: 1 topic\\(s\\): cat:cs\\.LG; digest off; deliveries STOPPED`) },
  ],
  poll: [{ argv: ['poll', '--once'], shows: /^Polled 1 feed\(s\): 81 item\(s\)[\s\S]*6 new match\(es\) in 2 channel\(s\): 5 paper\(s\) posted/m }],
  resume: [{ argv: ['resume', '--channel', BLOCKED], shows: /^Deliveries to slack:T1\/CBLOCKED resume \(they had stopped: channel_not_found[^)]*\)\. 1 held-back paper\(s\)[^\n]* are queued for delivery now\./m }],
  'digest off': [{ argv: ['digest', 'off', '--channel', LAB, '--as-admin'], shows: /^The weekly digest is off for this channel\.$/m }],
  'topics remove': [{ argv: ['topics', 'remove', 'au:"Rodney Van Meter"', '--channel', LAB, '--as-admin'], shows: /^Stopped tracking au:"Rodney Van Meter"\./m }],
  enrich: [{ argv: ['enrich'], shows: /^Asked arXiv for \d+ papers, got metadata for 0\./m, independent: true }],
  import: [{ argv: ['import'], shows: /^Imported \d+ entries from 5 of 5 files/, independent: true }],
  export: [
    { argv: ['export', 'bibtex'], shows: /^@\w+\{/, independent: true },
    { chain: 'club', argv: ['export', '--history', '--channel', CLUB], shows: /^@\w+\{[^]*Attention Is All You Need/ },
  ],
  help: [{ argv: ['help'], shows: /^Usage: paperclub <command>/m, independent: true }],
};

let feeds: FixtureServer;
let seeds: string;
let prefix: string;
let env: Record<string, string>;

beforeAll(async () => {
  feeds = await startFixtureServer((req, res) => {
    const api = (req.url ?? '').startsWith('/api');
    res.writeHead(200, { 'content-type': api ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml' });
    res.end(api ? NO_RESULTS : FEED);
  });
  seeds = mkdtempSync(join(tmpdir(), 'paperclub-every-seeds-'));
  cpSync(SEEDS_DIR, seeds, { recursive: true });
  rmSync(join(seeds, 'arxiv-cache.json'), { force: true });
  prefix = randomPrefix('cli-every');
  env = {
    PAPERCLUB_SEEDS_DIR: seeds,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
    ARXIV_RSS_URL: `${feeds.url}/rss`,
    ARXIV_API_URL: `${feeds.url}/api/query`,
    ARXIV_CATEGORIES: 'quant-ph',
    ARXIV_USER_AGENT: 'paperclub-cli-test/1.0 (tests@example.org)',
  };
  // A channel with a topic whose deliveries a permanent error stopped, for status --all and resume.
  const redis = await connectTestRedis();
  const store = createRedisStore(redis, prefix, { ownsConnection: false });
  const blocked = { platform: 'slack' as const, workspace: 'T1', channel: 'CBLOCKED' };
  await store.addTopic(blocked, 'cat:cs.LG');
  await store.blockChannel(blocked, 'channel_not_found', new Date('2025-04-28T10:00:00Z'));
  await redis.quit();
});

afterAll(async () => {
  await feeds.close();
  rmSync(seeds, { recursive: true, force: true });
  const redis = await connectTestRedis();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

/** Logs go to stderr at `warn` by default: nothing below a warning, and nothing but log lines. */
function onlyWarnings(stderr: string): boolean {
  return stderr
    .split('\n')
    .filter((line) => line !== '')
    .every((line) => {
      try {
        return (JSON.parse(line) as { level: number }).level >= 40;
      } catch {
        return false;
      }
    });
}

describe('every command through the real paperclub bin', { timeout: 240_000 }, () => {
  it('has a run for every command definition, and no run for a command that does not exist', () => {
    const defined = describeCommands(allCommands).map((d) => d.name);
    expect(Object.keys(STEPS).sort()).toEqual([...defined].sort());
  });

  it('runs each one, in order, to its answer on stdout; stderr holds only warnings, as structured logs', async () => {
    const failures: string[] = [];
    const check = async (name: string, step: Step) => {
      const run: CliRun = await runCli(step.argv, { env });
      const ok = run.code === (step.code ?? 0) && step.shows.test(run.stdout) && !/^\{"level":/m.test(run.stdout) && onlyWarnings(run.stderr);
      if (!ok) failures.push(`${name}: paperclub ${step.argv.join(' ')} → exit ${run.code}\n--- stdout\n${run.stdout.slice(-1500)}\n--- stderr\n${run.stderr}`);
    };
    const steps = Object.entries(STEPS).flatMap(([name, list]) => list.map((step) => ({ name, step })));
    const chain = async (keep: (step: Step) => boolean) => {
      for (const { name, step } of steps.filter((s) => keep(s.step))) await check(name, step);
    };
    await Promise.all([
      chain((step) => !step.independent && step.chain === undefined),
      chain((step) => !step.independent && step.chain === 'club'),
      chain((step) => step.independent === true),
    ]);
    expect(failures).toEqual([]);
  });

  it('with --json prints exactly one JSON document on stdout, and logs nothing at the default level', async () => {
    const [status, topics] = await Promise.all([runCli(['status', '--all', '--json'], { env }), runCli(['topics', 'list', '--channel', LAB, '--json'], { env })]);
    for (const run of [status, topics]) {
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout.endsWith('\n')).toBe(true);
      expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
      expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    }
    expect(JSON.parse(status.stdout)).toMatchObject({ library: expect.any(Number), polls: expect.any(Array), channels: expect.any(Array), queues: expect.any(Object) });
  });
});
