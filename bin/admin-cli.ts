/**
 * Admin commands for operators and scripts, dispatched by the main CLI (bin/cli.ts):
 *
 *   topics add|remove|list --channel <address> [<topic>]
 *   digest schedule <weekday> <HH:MM> <IANA tz> --channel <address>
 *   digest preview|off --channel <address>
 *   poll --once [--json]          one poll cycle now; returns when every delivery it caused is done
 *   resume --channel <address>    unblock a channel and deliver the papers it held back, now
 *   status [--json]
 *
 * They validate exactly like the chat commands (parseTopic, parseSchedule) and change the same
 * Redis state, so a channel's topics and schedule look the same from Slack, Discord and here.
 */
import type { Readable, Writable } from 'node:stream';
import type { RedisOptions } from 'ioredis';
import { renderMessage } from '../adapters/console/render.ts';
import { expectedFeedState } from '../src/arxiv/calendar.ts';
import { formatChannelAddress, parseChannelAddress, type ChannelAddress, type Platform } from '../src/channel-address.ts';
import { describeSchedule, formatWhen, parseSchedule } from '../src/commands/digest/schedule-input.ts';
import type { Config } from '../src/config.ts';
import { buildDigest } from '../src/digests/build.ts';
import { PaperclubError, isPaperclubError } from '../src/errors.ts';
import type { Library } from '../src/library/library.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { systemClock, type ChatPort, type Clock } from '../src/ports.ts';
import type { FeedPollStatus, Store } from '../src/store/types.ts';
import { parseTopic } from '../src/topics/parse.ts';
import type { JobTuning } from '../jobs/context.ts';
import { QUEUES, type QueueKey } from '../jobs/names.ts';
import { startJobRuntime, type JobRuntime } from '../jobs/runtime.ts';
import { createCoreServices } from './core-services.ts';
import { configFromEnvironment } from './env.ts';
import { deliveryChatPorts } from './delivery-ports.ts';

export interface AdminIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

export interface AdminDeps {
  config: Config;
  store: Store;
  library: Library;
  log: Logger;
  /** Null when Redis is unavailable: channel commands then explain instead of failing obscurely. */
  redis: RedisOptions | null;
  clock?: Clock;
  chat: Partial<Record<Platform, ChatPort>>;
  tuning?: Partial<JobTuning>;
}

const USAGE = [
  'topics add --channel <address> <topic>',
  'topics remove --channel <address> <topic>',
  'topics list --channel <address>',
  'digest schedule <weekday> <HH:MM> <IANA tz> --channel <address>',
  'digest preview --channel <address>',
  'digest off --channel <address>',
  'poll --once [--json]',
  'resume --channel <address>',
  'status [--json]',
].map((line) => `  paperclub ${line}`);

const usageError = (message: string) => new PaperclubError('bad_arguments', `${message}\nUsage:\n${USAGE.join('\n')}`);

interface Args {
  positional: string[];
  channel: ChannelAddress | null;
  json: boolean;
  once: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { positional: [], channel: null, json: false, once: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--once') args.once = true;
    else if (arg === '--channel' || arg.startsWith('--channel=')) {
      const value = arg === '--channel' ? argv[++i] : arg.slice('--channel='.length);
      if (value === undefined || value === '') throw usageError('--channel needs an address, e.g. slack:T0123/C0456');
      const parsed = parseChannelAddress(value);
      if (!parsed.ok) throw new PaperclubError('bad_arguments', parsed.error);
      args.channel = parsed.value;
    } else if (arg.startsWith('--')) throw usageError(`unknown option ${arg}`);
    else args.positional.push(arg);
  }
  return args;
}

function needChannel(args: Args): ChannelAddress {
  if (!args.channel) throw usageError('this command needs --channel <address>');
  return args.channel;
}

const line = (stream: Writable, text = '') => {
  stream.write(`${text}\n`);
};

/** Runs one admin command with the given dependencies; returns the exit code. */
export async function runAdmin(argv: readonly string[], io: AdminIo, deps: AdminDeps): Promise<number> {
  let runtime: JobRuntime | null = null;
  const jobs = async (workers: boolean): Promise<JobRuntime> => {
    if (!deps.redis) throw new PaperclubError('storage_unavailable', 'Redis is not available, so jobs and schedules cannot run: set REDIS_URL or start redis-server.');
    runtime = await startJobRuntime({
      redis: deps.redis,
      prefix: deps.config.redis.prefix,
      store: deps.store,
      library: deps.library,
      chat: deps.chat,
      config: deps.config,
      log: deps.log,
      clock: deps.clock ?? systemClock,
      processors: { poll: workers, deliver: workers, digest: workers },
      ...(deps.tuning ? { tuning: deps.tuning } : {}),
    });
    return runtime;
  };
  try {
    const [command, sub, ...rest] = argv;
    // `poll`, `status` and `resume` take only options; the others take a subcommand first.
    const optionsOnly = command === 'poll' || command === 'status' || command === 'resume';
    const args = parseArgs(optionsOnly ? argv.slice(1) : rest);
    switch (command) {
      case 'topics':
        return await topics(sub, args, io, deps);
      case 'digest':
        return await digest(sub, args, io, deps, jobs);
      case 'poll': {
        const all = args;
        if (!all.once) throw usageError('poll runs one cycle now: use `poll --once`');
        const summary = await (await jobs(true)).pollOnce();
        if (all.json) line(io.stdout, JSON.stringify(summary));
        else {
          line(io.stdout, `Polled ${summary.feeds} feed(s): ${summary.items} item(s), ${summary.feedsNotModified} not modified, ${summary.feedsFailed} failed.`);
          line(io.stdout, `${summary.matched} new match(es) in ${summary.channels} channel(s): ${summary.posted} paper(s) posted, ${summary.failedDeliveries} delivery job(s) failed.`);
        }
        return summary.feedsFailed > 0 || summary.failedDeliveries > 0 ? 1 : 0;
      }
      case 'status':
        return await status(args, io, deps, jobs);
      case 'resume':
        return await resume(args, io, deps, jobs);
      default:
        throw usageError(`"${command ?? ''}" is not an admin command`);
    }
  } catch (error) {
    const message = isPaperclubError(error) ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    line(io.stderr, `paperclub: ${message}`);
    if (!isPaperclubError(error)) deps.log.error({ err: error }, 'admin command failed');
    return 1;
  } finally {
    await (runtime as JobRuntime | null)?.close();
  }
}

async function topics(sub: string | undefined, args: Args, io: AdminIo, deps: AdminDeps): Promise<number> {
  const channel = needChannel(args);
  const where = formatChannelAddress(channel);
  const text = args.positional.join(' ').trim();
  switch (sub) {
    case 'add': {
      const parsed = parseTopic(text);
      if (!parsed.ok) throw new PaperclubError('invalid_topic', parsed.error);
      const added = await deps.store.addTopic(channel, parsed.value.source);
      line(io.stdout, added ? `Tracking ${parsed.value.source} in ${where}.` : `${where} already tracks ${parsed.value.source}.`);
      return 0;
    }
    case 'remove': {
      if (text === '') throw usageError('topics remove needs the topic to remove');
      const removed = await deps.store.removeTopic(channel, text);
      line(io.stdout, removed ? `No longer tracking ${text} in ${where}.` : `${where} does not track ${text}.`);
      return removed ? 0 : 1;
    }
    case 'list': {
      const list = await deps.store.listTopics(channel);
      if (args.json) line(io.stdout, JSON.stringify(list));
      else if (list.length === 0) line(io.stdout, `${where} tracks no topics.`);
      else for (const topic of list) line(io.stdout, topic);
      return 0;
    }
    default:
      throw usageError(`"topics ${sub ?? ''}" is not a command`);
  }
}

async function digest(sub: string | undefined, args: Args, io: AdminIo, deps: AdminDeps, jobs: (workers: boolean) => Promise<JobRuntime>): Promise<number> {
  const channel = needChannel(args);
  const where = formatChannelAddress(channel);
  switch (sub) {
    case 'schedule': {
      const [weekday, time, zone, extra] = args.positional;
      if (weekday === undefined || time === undefined || zone === undefined || extra !== undefined) {
        throw usageError('digest schedule takes <weekday> <HH:MM> <IANA tz>');
      }
      const parsed = parseSchedule(weekday, time, zone);
      if (!parsed.ok) throw new PaperclubError('invalid_schedule', parsed.error);
      const runtime = await jobs(false);
      await deps.store.setSchedule(channel, parsed.value);
      await runtime.digests.schedule(channel, parsed.value);
      const next = await runtime.digests.nextRun(channel);
      line(io.stdout, `The digest for ${where} is posted ${describeSchedule(parsed.value)}.${next ? ` Next: ${formatWhen(next, parsed.value.timeZone)}.` : ''}`);
      return 0;
    }
    case 'off': {
      const runtime = await jobs(false);
      const cleared = await deps.store.clearSchedule(channel);
      await runtime.digests.cancel(channel);
      line(io.stdout, cleared ? `The weekly digest is off for ${where}.` : `${where} had no digest scheduled.`);
      return 0;
    }
    case 'preview': {
      const since = await deps.store.lastDigestAt(channel);
      const message = await buildDigest({
        channel,
        library: deps.library,
        store: deps.store,
        now: (deps.clock ?? systemClock).now(),
        since,
        initialQueue: deps.library.readingOrder(),
      });
      line(io.stdout, renderMessage(message, { numbered: false }).text);
      return 0;
    }
    default:
      throw usageError(`"digest ${sub ?? ''}" is not a command`);
  }
}

/**
 * After the cause is fixed (bot re-invited, channel restored): unblock the channel and deliver what it
 * held meanwhile at once (jobs/delivery/resume.ts), whatever the feeds answer now.
 */
async function resume(args: Args, io: AdminIo, deps: AdminDeps, jobs: (workers: boolean) => Promise<JobRuntime>): Promise<number> {
  const channel = needChannel(args);
  const where = formatChannelAddress(channel);
  const runtime = await jobs(false);
  const result = await runtime.resume(channel);
  const now = (deps.clock ?? systemClock).now();
  const held =
    result.held === 0
      ? 'No papers were held back.'
      : `${result.held} held-back paper(s), the oldest waiting since ${result.oldestSince!.toISOString()} (${describeAge(now.getTime() - result.oldestSince!.getTime())}), are queued for delivery now.`;
  if (result.blockedReason) line(io.stdout, `Deliveries to ${where} resume (they had stopped: ${result.blockedReason}). ${held}`);
  else line(io.stdout, result.held === 0 ? `Deliveries to ${where} are not stopped and nothing is held back; nothing to resume.` : `Deliveries to ${where} were not stopped. ${held}`);
  if (result.held > 0 && (await runtime.deliveryWorkersOnline()) === 0) {
    line(io.stdout, 'No delivery worker is running right now: they are posted once `npm start` or `npm run worker` runs.');
  }
  return 0;
}

function describeAge(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

async function status(args: Args, io: AdminIo, deps: AdminDeps, jobs: (workers: boolean) => Promise<JobRuntime>): Promise<number> {
  const runtime = deps.redis ? await jobs(false) : null;
  const [polls, withTopics, schedules] = await Promise.all([deps.store.lastPolls(), deps.store.allTopics(), deps.store.allSchedules()]);
  const byAddress = new Map<string, ChannelAddress>();
  for (const { channel } of [...withTopics, ...schedules]) byAddress.set(formatChannelAddress(channel), channel);
  const channels = [];
  for (const [address, channel] of [...byAddress].sort(([a], [b]) => a.localeCompare(b))) {
    const schedule = schedules.find((s) => formatChannelAddress(s.channel) === address)?.schedule ?? null;
    const health = await deps.store.channelHealth(channel);
    const next = runtime ? await runtime.digests.nextRun(channel) : null;
    const held = runtime ? await runtime.held(channel) : null;
    channels.push({
      channel: address,
      topics: withTopics.find((t) => formatChannelAddress(t.channel) === address)?.topics ?? [],
      digest: schedule ? describeSchedule(schedule) : null,
      nextDigest: next?.toISOString() ?? null,
      blocked: health.blockedReason,
      blockedAt: health.blockedAt,
      heldBack: held ? { papers: held.papers, oldestSince: held.oldestSince?.toISOString() ?? null } : null,
    });
  }
  const queues: Partial<Record<QueueKey, Record<string, number>>> = runtime ? await runtime.counts() : {};
  const report = { library: deps.library.size, polls: polls.map((p) => ({ ...p, needsAttention: needsAttention(p) })), channels, queues };
  if (args.json) {
    line(io.stdout, JSON.stringify(report));
    return 0;
  }
  line(io.stdout, `Library: ${deps.library.size} papers`);
  line(io.stdout, 'Feeds:');
  if (polls.length === 0) line(io.stdout, '  never polled');
  for (const p of report.polls) {
    const flag = p.needsAttention ? '  <-- needs attention' : '';
    line(io.stdout, `  ${p.category}: ${p.outcome}, ${p.items} item(s) at ${p.checkedAt}${p.detail ? ` (${p.detail})` : ''}${flag}`);
  }
  line(io.stdout, 'Channels:');
  if (channels.length === 0) line(io.stdout, '  none tracks topics or has a digest');
  for (const c of channels) {
    line(io.stdout, `  ${c.channel}: ${c.topics.length} topic(s)${c.topics.length ? ` (${c.topics.join('; ')})` : ''}`);
    line(io.stdout, `    digest: ${c.digest ? `${c.digest}, next ${c.nextDigest ?? 'unknown'}` : 'off'}`);
    if (c.heldBack && c.heldBack.papers > 0) line(io.stdout, `    held back: ${c.heldBack.papers} paper(s), waiting since ${c.heldBack.oldestSince}`);
    if (c.blocked) {
      line(io.stdout, `    BLOCKED since ${c.blockedAt}: ${c.blocked} (deliveries stopped)`);
      line(io.stdout, `    fix the cause (e.g. invite the bot), then: paperclub resume --channel ${c.channel}`);
    }
  }
  if (runtime) {
    line(io.stdout, 'Queues:');
    for (const [name, counts] of Object.entries(queues)) {
      line(io.stdout, `  ${QUEUES[name as QueueKey]}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  } else {
    line(io.stdout, 'Queues: unavailable (no Redis)');
  }
  return 0;
}

/**
 * Stale feeds and failed fetches need an operator, and so does a feed that came back empty when arXiv
 * had announced papers (an empty weekend or holiday feed is normal): judged by when it was checked.
 */
function needsAttention(poll: FeedPollStatus): boolean {
  if (poll.outcome === 'stale' || poll.outcome === 'error') return true;
  if (poll.outcome !== 'empty') return false;
  const checkedAt = new Date(poll.checkedAt);
  return !Number.isNaN(checkedAt.getTime()) && expectedFeedState(checkedAt).expectNonEmpty;
}

/** The entry point bin/cli.ts calls: builds the core from the environment, runs, closes. */
export async function runAdminCommand(argv: string[], io: AdminIo): Promise<number> {
  let config: Config;
  try {
    config = configFromEnvironment();
  } catch (error) {
    line(io.stderr, `paperclub: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  // As for every CLI command, stderr stays quiet unless LOG_LEVEL asks for more (README: warn in the CLI).
  const log = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : 'warn' });
  const core = await createCoreServices(config, log);
  try {
    return await runAdmin(argv, io, {
      config,
      store: core.store,
      library: core.library,
      log,
      redis: core.redis.options(),
      chat: deliveryChatPorts(config, log, (text) => io.stdout.write(text)),
    });
  } finally {
    await core.close();
  }
}
