/**
 * Delivery through the real SlackChatPort into a local fake Slack Web API (429 + Retry-After, errors),
 * and through recording ports for crashes: a worker killed mid-post, permanent and transient errors.
 */
import { Job, Queue, QueueEvents } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryRest, DiscordChatPort } from '../../../adapters/discord/chat-port.ts';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { createDeliveryWebClient, SlackChatPort } from '../../../adapters/slack/chat-port.ts';
import { alertJobId } from '../../../jobs/ids.ts';
import { QUEUES } from '../../../jobs/names.ts';
import type { DeliveryResult } from '../../../jobs/deliver.ts';
import { rateLimited, startFakeDiscordApi } from '../discord/fake-discord-api.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../slack/fake-slack-api.ts';
import { alertedIds, discordChannel, jobsHarness, REDIS, RecordingPort, slackChannel, WARN, type JobsHarness } from './harness.ts';

const channel = slackChannel('C-ml');
const other = slackChannel('C-other');

describe('delivery', () => {
  let h: JobsHarness;
  beforeEach(async () => {
    h = await jobsHarness();
  });
  afterEach(async () => {
    await h.teardown();
  });

  describe('through the Slack Web API', () => {
    let api: FakeSlackApi;
    beforeEach(async () => {
      api = await startFakeSlackApi();
    });
    afterEach(async () => {
      await api.close();
    });

    it('honours 429 Retry-After by delaying, then posts once', async () => {
      api.script('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, json: { ok: false, error: 'ratelimited' } });
      const slack = new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-test', apiUrl: api.apiUrl, log: h.log }), h.log);
      await h.store.addTopic(channel, 'cat:cs.LG');
      const runtime = await h.start({ chat: { slack } });
      const summary = await runtime.pollOnce();

      const posts = api.callsTo('chat.postMessage');
      expect(posts).toHaveLength(2);
      expect(posts.every((c) => c.body['channel'] === 'C-ml')).toBe(true);
      expect(summary).toMatchObject({ posted: 1, failedDeliveries: 0 });
      const delayed = h.logs.filter((l) => l.msg === 'rate limited; delivery delayed');
      expect(delayed.map((l) => l['retryAfterMs'])).toEqual([1000]);
      expect(await h.store.deliveredSince(channel, new Date(0))).toHaveLength(1);
    });

    it('a removed bot (not_in_channel) blocks that channel only', async () => {
      const slack = new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-test', apiUrl: api.apiUrl, log: h.log }), h.log);
      await h.store.addTopic(channel, 'cat:cs.LG');
      await h.store.addTopic(other, 'cat:cs.CR');
      api.script('chat.postMessage', { ok: false, error: 'not_in_channel' });
      const runtime = await h.start({ chat: { slack } });
      // Whichever channel posts first gets the error; the other still gets its alert.
      const summary = await runtime.pollOnce();
      expect(summary.failedDeliveries).toBe(1);
      const blocked = [];
      for (const c of [channel, other]) if ((await h.store.channelHealth(c)).blockedReason === 'not_in_channel') blocked.push(c.channel);
      expect(blocked).toHaveLength(1);
      const healthy = blocked[0] === 'C-ml' ? 'C-other' : 'C-ml';
      expect(api.callsTo('chat.postMessage').filter((c) => c.body['channel'] === healthy)).toHaveLength(1);
    });
  });

  it('honours a Discord 429 Retry-After by delaying, then posts once', async () => {
    const api = await startFakeDiscordApi();
    try {
      api.fail(/\/channels\/[^/]+\/messages$/, rateLimited(1), 1);
      const discord = new DiscordChatPort({ rest: createDeliveryRest({ apiUrl: api.url, token: 'bot-token' }), buttons: new ButtonCommandStore(), hasToken: true });
      const room = discordChannel('1000523254928257125');
      await h.store.addTopic(room, 'cat:cs.LG');
      const runtime = await h.start({ chat: { discord } });
      const summary = await runtime.pollOnce();
      expect(summary).toMatchObject({ posted: 1, failedDeliveries: 0 });
      expect(api.callsTo(/\/channels\/1000523254928257125\/messages$/, 'POST')).toHaveLength(2);
      expect(h.logs.filter((l) => l.msg === 'rate limited; delivery delayed').map((l) => l['retryAfterMs'])).toEqual([1000]);
      expect(h.logs.some((l) => l.msg === 'delivery failed; will retry')).toBe(false);
      expect(await h.store.deliveredSince(room, new Date(0))).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it('a permanent error stops that channel\'s later deliveries, releases their claims, and spares other channels', async () => {
    const slack = new RecordingPort('slack');
    slack.failNext(channel, { kind: 'permanent', reason: 'channel_not_found' });
    await h.store.addTopic(channel, 'au:"Rodney Van Meter"'); // five papers
    await h.store.addTopic(other, 'au:"Rodney Van Meter"');
    // Serialise deliveries so the first failure lands before the channel's other jobs run.
    const runtime = await h.start({ chat: { slack }, tuning: { deliveryConcurrency: 1, channelIntervalMs: { slack: 0, discord: 0, console: 0 } } });
    const summary = await runtime.pollOnce();

    expect(slack.attempts.filter((a) => a.channel === 'slack:T1/C-ml')).toHaveLength(1);
    expect(slack.postsTo(channel)).toHaveLength(0);
    expect(slack.postsTo(other)).toHaveLength(5);
    expect(summary.failedDeliveries).toBe(1);
    expect(await h.store.channelHealth(channel)).toMatchObject({ blockedReason: 'channel_not_found' });
    expect(h.logs.some((l) => l.msg === 'permanent delivery failure; channel blocked')).toBe(true);
    // Nothing was posted, so nothing is remembered as delivered: after an unblock they can still come.
    for (const id of ['2504.18121', '2504.18298']) expect(await h.store.claimAlert(channel, id)).toBe(true);
  });

  it('retries transient errors with backoff and posts once', async () => {
    const slack = new RecordingPort('slack');
    slack.failNext(channel, { kind: 'transient', reason: 'http_502' }, { kind: 'transient', reason: 'network' });
    await h.store.addTopic(channel, 'cat:cs.LG');
    const runtime = await h.start({ chat: { slack } });
    const summary = await runtime.pollOnce();
    expect(slack.attempts).toHaveLength(3);
    expect(alertedIds(slack.posts)).toEqual(['2504.18103']);
    expect(summary.failedDeliveries).toBe(0);
    expect(h.logs.filter((l) => l.level === WARN && l.msg === 'delivery failed; will retry').map((l) => l['reason'])).toEqual(['http_502', 'network']);
  });

  it('a delivery that fails every attempt gives its claim back so a later poll can try again', async () => {
    const slack = new RecordingPort('slack');
    slack.failNext(channel, ...Array.from({ length: 4 }, () => ({ kind: 'transient' as const, reason: 'http_500' })));
    await h.store.addTopic(channel, 'cat:cs.LG');
    const runtime = await h.start({ chat: { slack } });
    expect((await runtime.pollOnce()).failedDeliveries).toBe(1);
    expect(slack.posts).toHaveLength(0);
    // The failed job keeps its id (kept for inspection) so this poll adds nothing; once it is cleaned up,
    // the next poll delivers. Remove it the way BullMQ's auto-removal would.
    const queue = new Queue(QUEUES.deliver, { connection: REDIS, prefix: h.prefix });
    try {
      await (await Job.fromId(queue, alertJobId(channel, '2504.18103')))!.remove();
    } finally {
      await queue.close();
    }
    expect((await runtime.pollOnce()).posted).toBe(1);
    expect(alertedIds(slack.posts)).toEqual(['2504.18103']);
  });

  it('after a delivery failed every attempt, the next poll delivers the paper (the finished job does not block its id)', async () => {
    const slack = new RecordingPort('slack');
    slack.failNext(channel, ...Array.from({ length: 4 }, () => ({ kind: 'transient' as const, reason: 'http_500' })));
    await h.store.addTopic(channel, 'cat:cs.LG');
    const runtime = await h.start({ chat: { slack } });
    expect((await runtime.pollOnce()).failedDeliveries).toBe(1);
    // The feed still lists the paper (same day): the next hourly poll must deliver it, not wait for
    // BullMQ to clean up the failed job weeks later.
    const again = await runtime.pollOnce();
    expect(again).toMatchObject({ posted: 1, failedDeliveries: 0 });
    expect(alertedIds(slack.posts)).toEqual(['2504.18103']);
    // And only once.
    expect((await runtime.pollOnce()).posted).toBe(0);
    expect(slack.posts).toHaveLength(1);
  });

  it('after resume, the next poll delivers the papers a permanent error had held back', async () => {
    const slack = new RecordingPort('slack');
    slack.failNext(channel, { kind: 'permanent', reason: 'not_in_channel' });
    await h.store.addTopic(channel, 'au:"Rodney Van Meter"'); // five papers
    const runtime = await h.start({ chat: { slack }, tuning: { deliveryConcurrency: 1, channelIntervalMs: { slack: 0, discord: 0, console: 0 } } });
    expect((await runtime.pollOnce()).failedDeliveries).toBe(1);
    expect(slack.posts).toHaveLength(0);

    await h.store.unblockChannel(channel);
    const after = await runtime.pollOnce();
    expect(after).toMatchObject({ posted: 5, failedDeliveries: 0 });
    expect(new Set(alertedIds(slack.posts)).size).toBe(5);
    expect((await runtime.pollOnce()).posted).toBe(0);
    expect(slack.posts).toHaveLength(5);
  });

  it('a worker killed while posting is retried by another worker without a duplicate post', async () => {
    const dying = new RecordingPort('slack');
    dying.failNext(channel, 'hang');
    await h.store.addTopic(channel, 'cat:cs.LG');
    const first = await h.start({ chat: { slack: dying } });
    void first.pollOnce().catch(() => undefined);
    while (dying.attempts.length === 0) await new Promise((r) => setTimeout(r, 20));
    await first.close({ force: true }); // like a SIGKILL: the job's lock is never released

    const healthy = new RecordingPort('slack');
    const second = await h.start({ chat: { slack: healthy } });
    const events = new QueueEvents(QUEUES.deliver, { connection: REDIS, prefix: h.prefix });
    const queue = new Queue(QUEUES.deliver, { connection: REDIS, prefix: h.prefix });
    try {
      await events.waitUntilReady();
      const job = (await Job.fromId(queue, alertJobId(channel, '2504.18103')))!;
      const result = (await job.waitUntilFinished(events)) as DeliveryResult;
      expect(result).toMatchObject({ posted: 0, uncertain: 1 });
    } finally {
      await events.close();
      await queue.close();
      await second.close();
    }
    expect(dying.attempts).toHaveLength(1);
    expect(healthy.attempts).toHaveLength(0);
    expect(await h.store.deliveredSince(channel, new Date(0))).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === 'a worker died while posting; not posting again (at most once)')).toBe(true);
  });

  it('a channel gate held by another poster delays the delivery instead of failing it, then posts once', async () => {
    // As if another worker had just posted into the channel, or a 429 had shut the gate.
    const slack = new RecordingPort('slack');
    await h.store.addTopic(channel, 'cat:cs.LG');
    await h.redis.set(`${h.prefix}:jobs:pace:${encodeURIComponent('slack:T1/C-ml')}`, '1', 'PX', 400);
    const runtime = await h.start({ chat: { slack } });
    const summary = await runtime.pollOnce();
    expect(summary).toMatchObject({ posted: 1, failedDeliveries: 0 });
    expect(slack.attempts).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === 'delivery failed; will retry')).toBe(false);
  });
});
