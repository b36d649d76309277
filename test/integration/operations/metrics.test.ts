/**
 * /metrics after real traffic: signed Slack and Discord requests through the real adapters (commands by
 * name and outcome, acknowledgement latency), a real poll of the recorded arXiv feed through the job
 * runtime and BullMQ on the test Redis, and deliveries into the fake Slack API (posted, 429, lost
 * answers settled by a history lookup) and into a platform that refuses the channel (blocked). Every
 * figure is read back from the Prometheus text a scrape returns.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryWebClient, SlackChatPort } from '../../../adapters/slack/chat-port.ts';
import { createProcessMetrics, type MetricSources, type ProcessMetrics } from '../../../bin/metrics.ts';
import { pingRedis } from '../../../bin/redis-ping.ts';
import { queueStats } from '../../../jobs/queue-stats.ts';
import type { QueueKey } from '../../../jobs/names.ts';
import { silentLogger } from '../../../src/log.ts';
import { parsePrometheus, sampleValue, series } from '../../helpers/prometheus.ts';
import { deleteKeysWithPrefix, connectTestRedis } from '../../helpers/redis.ts';
import { REST, type APIInteraction } from 'discord.js';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { gatewayDispatcher } from '../../../adapters/discord/gateway.ts';
import { createInteractionHandler } from '../../../adapters/discord/interactions.ts';
import { commands } from '../../../src/commands/index.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { createTestServices } from '../../helpers/services.ts';
import { startFakeDiscordApi } from '../discord/fake-discord-api.ts';
import { APP_ID, startHarness as startDiscordHarness } from '../discord/harness.ts';
import { slashCommand } from '../discord/payloads.ts';
import { jobsHarness, RecordingPort, slackChannel, type JobsHarness } from '../jobs/harness.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../slack/fake-slack-api.ts';
import { signedHeaders, slashCommandBody, startSlackHarness } from '../slack/harness.ts';

const metricsFor = (sources: MetricSources = {}): ProcessMetrics => createProcessMetrics({ role: 'bot', version: 'test', sources, log: silentLogger() });

describe('commands and acknowledgements', () => {
  it('counts Slack commands by name and outcome, and times every acknowledged request (also those before prom-client loaded)', async () => {
    const pm = metricsFor();
    const h = await startSlackHarness({ adminUsers: ['U-SOMEONE-ELSE'], metrics: pm.metrics });
    try {
      // Before prom-client has loaded: kept and replayed.
      const search = await h.slash('search lora');
      await h.responses(search.responseUrl);
      await pm.load();
      const refused = await h.slash('topics add rope');
      await h.responses(refused.responseUrl);
      const unknown = await h.slash('frobnicate the papers');
      await h.responses(unknown.responseUrl);
      // A forged request is refused before anything runs: not an acknowledgement, not a command.
      const body = slashCommandBody('search lora', `${h.server.url}/nowhere`);
      expect((await h.post(body, signedHeaders(body, 'application/x-www-form-urlencoded', { secret: 'wrong-secret' }))).status).toBe(401);

      const text = await pm.scrape();
      expect(sampleValue(text, 'paperclub_commands_total', { platform: 'slack', command: 'search', outcome: 'ok' })).toBe(1);
      expect(sampleValue(text, 'paperclub_commands_total', { platform: 'slack', command: 'topics add', outcome: 'not_allowed' })).toBe(1);
      expect(sampleValue(text, 'paperclub_commands_total', { platform: 'slack', command: 'unknown', outcome: 'unknown_command' })).toBe(1);
      // What users type never becomes a label.
      expect(series(text, 'paperclub_commands_total').map((s) => s.labels['command'])).not.toContain('frobnicate');
      expect(sampleValue(text, 'paperclub_command_duration_seconds_count', { platform: 'slack', command: 'search' })).toBe(1);
      expect(sampleValue(text, 'paperclub_ack_duration_seconds_count', { platform: 'slack', transport: 'http' })).toBe(3);
      // Acks take milliseconds: all three fall in the 3 s bucket, Slack's deadline.
      expect(sampleValue(text, 'paperclub_ack_duration_seconds_bucket', { platform: 'slack', transport: 'http', le: '3' })).toBe(3);
      expect(sampleValue(text, 'paperclub_info', { role: 'bot', version: 'test' })).toBe(1);
      // Node's default metrics come with it.
      expect(series(text, 'process_cpu_user_seconds_total')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('counts Discord interactions and times the initial response', async () => {
    const pm = metricsFor();
    await pm.load();
    const h = await startDiscordHarness({ metrics: pm.metrics });
    try {
      const answer = await h.send(slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]));
      expect(answer.status).toBe(200);
      // A member without Manage Channels may not change topics.
      const refused = await h.send(slashCommand(['topics', 'add'], [{ name: 'topic', type: 3, value: 'rope' }], { admin: false }));
      expect(refused.status).toBe(200);
      const text = await pm.scrape();
      expect(sampleValue(text, 'paperclub_commands_total', { platform: 'discord', command: 'search', outcome: 'ok' })).toBe(1);
      expect(sampleValue(text, 'paperclub_commands_total', { platform: 'discord', command: 'topics add', outcome: 'not_allowed' })).toBe(1);
      expect(sampleValue(text, 'paperclub_ack_duration_seconds_count', { platform: 'discord', transport: 'http' })).toBe(2);
    } finally {
      await h.close();
    }
  });
});

describe('Discord gateway acknowledgements', () => {
  it('times the interaction callback, and does not count one Discord refused', async () => {
    const pm = metricsFor();
    const api = await startFakeDiscordApi();
    const { services, cleanup } = await createTestServices({ store: unavailableStore('no Redis in this test'), metrics: pm.metrics });
    try {
      const rest = new REST({ api: api.url });
      const handler = createInteractionHandler({ deps: { commands, services, log: silentLogger() }, rest, applicationId: APP_ID, buttons: new ButtonCommandStore(), deferAfterMs: 5000 });
      const dispatch = gatewayDispatcher({ handler, rest, log: silentLogger(), metrics: pm.metrics });
      await dispatch(slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]) as unknown as APIInteraction);
      api.fail(/callback$/, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
      await dispatch(slashCommand(['help']) as unknown as APIInteraction);
      const text = await pm.scrape();
      expect(sampleValue(text, 'paperclub_ack_duration_seconds_count', { platform: 'discord', transport: 'gateway' })).toBe(1);
      expect(sampleValue(text, 'paperclub_commands_total', { platform: 'discord', command: 'search', outcome: 'ok' })).toBe(1);
      expect(sampleValue(text, 'paperclub_commands_total', { platform: 'discord', command: 'help', outcome: 'ok' })).toBe(1);
    } finally {
      await cleanup();
      await api.close();
    }
  });
});

describe('a poll and its deliveries', () => {
  let h: JobsHarness;
  let api: FakeSlackApi;
  const channel = slackChannel('C-ml');
  beforeEach(async () => {
    h = await jobsHarness();
    api = await startFakeSlackApi();
  });
  afterEach(async () => {
    await api.close();
    await h.teardown();
  });
  const slackPort = (timeoutMs = 2000) => new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-test', apiUrl: api.apiUrl, log: h.log, timeoutMs }), h.log);

  it('counts the feed fetch per feed and feed day, the posts, the 429, the queues and Redis', async () => {
    api.script('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, json: { ok: false, error: 'ratelimited' } });
    await h.store.addTopic(channel, 'cat:cs.LG');
    let runtime: Awaited<ReturnType<JobsHarness['start']>> | null = null;
    const pm = metricsFor({
      queues: async () => (runtime ? runtime.queueStats() : null),
      redis: async () => {
        const ping = await pingRedis(h.redis);
        return ping.ok ? { up: true, seconds: ping.ms / 1000 } : { up: false, seconds: null };
      },
    });
    await pm.load();
    runtime = await h.start({ chat: { slack: slackPort() }, metrics: pm.metrics });
    const summary = await runtime.pollOnce();
    expect(summary).toMatchObject({ posted: 1, failedDeliveries: 0 });

    const text = await pm.scrape();
    // The harness clock is Monday 28 April 2025: Sunday's announcement is in Monday's feed. One combined
    // feed serves the configured category and the topic's.
    expect(sampleValue(text, 'paperclub_feed_polls_total', { feed: 'cs.LG+quant-ph', outcome: 'ok', weekday: 'monday', announcement: 'expected' })).toBe(1);
    expect(sampleValue(text, 'paperclub_feed_items_total', { feed: 'cs.LG+quant-ph' })).toBe(summary.items);
    expect(sampleValue(text, 'paperclub_deliveries_total', { platform: 'slack', kind: 'alert', outcome: 'rate_limited' })).toBe(1);
    expect(sampleValue(text, 'paperclub_deliveries_total', { platform: 'slack', kind: 'alert', outcome: 'posted' })).toBe(1);
    expect(api.messages('C-ml')).toHaveLength(1);
    // Queues: every queue and state is a series; the poll's jobs are done.
    expect(series(text, 'paperclub_queue_jobs').map((s) => s.labels['queue'])).toEqual(expect.arrayContaining(['poll', 'arxiv', 'deliver', 'digest']));
    expect(sampleValue(text, 'paperclub_queue_jobs', { queue: 'deliver', state: 'completed' })).toBe(1);
    expect(sampleValue(text, 'paperclub_queue_jobs', { queue: 'arxiv', state: 'completed' })).toBe(1);
    expect(sampleValue(text, 'paperclub_queue_oldest_job_age_seconds', { queue: 'deliver', state: 'waiting' })).toBe(0);
    expect(sampleValue(text, 'paperclub_redis_up')).toBe(1);
    expect(sampleValue(text, 'paperclub_redis_ping_seconds')).toBeGreaterThan(0);
  });

  it('counts a post whose answer was lost as uncertain, then as already posted when the history lookup finds it', async () => {
    api.script('chat.postMessage', { slow: 1500 });
    await h.store.addTopic(channel, 'cat:cs.LG');
    const pm = metricsFor();
    const runtime = await h.start({ chat: { slack: slackPort(300) }, metrics: pm.metrics });
    expect(await runtime.pollOnce()).toMatchObject({ posted: 1, failedDeliveries: 0 });
    const text = await pm.scrape();
    expect(sampleValue(text, 'paperclub_deliveries_total', { platform: 'slack', kind: 'alert', outcome: 'uncertain' })).toBe(1);
    expect(sampleValue(text, 'paperclub_deliveries_total', { platform: 'slack', kind: 'alert', outcome: 'already_posted' })).toBe(1);
    expect(sampleValue(text, 'paperclub_deliveries_total', { platform: 'slack', kind: 'alert', outcome: 'posted' })).toBeUndefined();
    expect(api.messages('C-ml')).toHaveLength(1);
  });

  it('counts retries and a blocked channel', async () => {
    const other = slackChannel('C-other');
    const slack = new RecordingPort('slack');
    slack.failNext(channel, { kind: 'permanent', reason: 'channel_not_found' });
    slack.failNext(other, { kind: 'transient', reason: 'http_502' });
    await h.store.addTopic(channel, 'cat:cs.LG');
    await h.store.addTopic(other, 'cat:cs.LG');
    const pm = metricsFor();
    const runtime = await h.start({ chat: { slack }, metrics: pm.metrics });
    expect(await runtime.pollOnce()).toMatchObject({ posted: 1, failedDeliveries: 1 });
    const text = await pm.scrape();
    expect(sampleValue(text, 'paperclub_deliveries_total', { platform: 'slack', kind: 'alert', outcome: 'blocked' })).toBe(1);
    expect(sampleValue(text, 'paperclub_deliveries_total', { platform: 'slack', kind: 'alert', outcome: 'retried' })).toBe(1);
    expect(sampleValue(text, 'paperclub_deliveries_total', { platform: 'slack', kind: 'alert', outcome: 'posted' })).toBe(1);
  });
});

describe('queue stats', () => {
  it('reports the oldest waiting job by when it was added', async () => {
    const prefix = `test:queue-stats:${randomUUID()}`;
    const connection = { host: '127.0.0.1', port: 6379 };
    const queue = new Queue('deliver', { connection, prefix });
    try {
      await queue.add('deliver-alert', {}, { jobId: 'first' });
      const first = (await queue.getJob('first'))!;
      await queue.add('deliver-alert', {}, { jobId: 'second', timestamp: first.timestamp + 4000 });
      const stats = await queueStats({ deliver: queue } as unknown as Record<QueueKey, Queue>, () => first.timestamp + 10_000);
      expect(stats.deliver).toMatchObject({ oldestWaitingS: 10, oldestActiveS: null });
      expect(stats.deliver!.counts).toMatchObject({ waiting: 2, active: 0 });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      const redis = await connectTestRedis();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    }
  });
});

describe('the sample Grafana dashboard', () => {
  it('queries only series a process exposes, with labels they carry', async () => {
    const pm = metricsFor({
      queues: async () => ({ deliver: { counts: { waiting: 1, failed: 0 }, oldestWaitingS: 3, oldestActiveS: null } }),
      redis: async () => ({ up: true, seconds: 0.001 }),
    });
    pm.metrics.commandAnswered({ platform: 'slack', command: 'search', outcome: 'ok', seconds: 0.01 });
    pm.metrics.acknowledged({ platform: 'slack', transport: 'http', seconds: 0.003 });
    pm.metrics.deliveryEvent({ platform: 'discord', kind: 'alert', outcome: 'posted' });
    pm.metrics.feedPolled({ feed: 'cs.CL', outcome: 'ok', weekday: 'monday', announcementExpected: true, items: 3 });
    const text = await pm.scrape();
    const exposed = new Map<string, Set<string>>();
    for (const sample of parsePrometheus(text)) {
      const labels = exposed.get(sample.name) ?? new Set<string>();
      for (const key of Object.keys(sample.labels)) labels.add(key);
      exposed.set(sample.name, labels);
    }
    const dashboard = JSON.parse(readFileSync(new URL('../../../docs/grafana-dashboard.json', import.meta.url), 'utf8')) as {
      panels: Array<{ type: string; targets?: Array<{ expr: string }> }>;
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    expect(exprs.length).toBeGreaterThan(10);
    for (const expr of exprs) {
      for (const [, name, selector] of expr.matchAll(/\b((?:paperclub|nodejs|process)_[a-z0-9_]+)(\{[^}]*\})?/g)) {
        expect(exposed.has(name!), `${name} in ${expr}`).toBe(true);
        for (const [, label] of (selector ?? '').matchAll(/([a-z_]+)\s*(?:=~|!=|=)/g)) {
          expect(exposed.get(name!)!.has(label!), `label ${label} of ${name}`).toBe(true);
        }
      }
    }
  });
});
