/**
 * Alert delivery through the job runtime: the real chat ports into the fake Slack and Discord APIs
 * (429 + Retry-After, slow answers after storing, history with metadata, nonces), and in-memory
 * platforms (RecordingPort) for crashes, blocked channels and retries. Every case counts what reached
 * the channel: once, never twice, nothing lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordChatPort } from '../../../adapters/discord/chat-port.ts';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { createDeliveryWebClient, SlackChatPort } from '../../../adapters/slack/chat-port.ts';
import { holdChannel } from '../../../jobs/delivery/pace.ts';
import { deliveryKeys } from '../../../jobs/delivery/deliveries.ts';
import { rateLimited, startFakeDiscordApi } from '../discord/fake-discord-api.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../slack/fake-slack-api.ts';
import { alertedIds, discordChannel, jobsHarness, RecordingPort, slackChannel, WARN, type JobsHarness, type Post } from './harness.ts';

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
    const slackPort = (timeoutMs = 2000) => new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-test', apiUrl: api.apiUrl, log: h.log, timeoutMs }), h.log);

    it('honours 429 Retry-After by waiting, then posts once, carrying the delivery id in metadata', async () => {
      api.script('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, json: { ok: false, error: 'ratelimited' } });
      await h.store.addTopic(channel, 'cat:cs.LG');
      const runtime = await h.start({ chat: { slack: slackPort() } });
      const summary = await runtime.pollOnce();

      const posts = api.callsTo('chat.postMessage');
      expect(posts).toHaveLength(2);
      expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
      expect(summary).toMatchObject({ posted: 1, failedDeliveries: 0 });
      expect(api.messages('C-ml').map((m) => m.metadata)).toEqual([{ event_type: 'paperclub_delivery', event_payload: { delivery_id: 'alert:2504.18103' } }]);
      expect(h.logs.filter((l) => l.msg === 'rate limited; delivery waits').map((l) => l['retryAfterMs'])).toEqual([1000]);
      expect(await h.store.deliveredSince(channel, new Date(0))).toHaveLength(1);
    });

    it('a post that succeeds after the client timed out is found in the history, not posted again', async () => {
      api.script('chat.postMessage', { slow: 1500 });
      await h.store.addTopic(channel, 'cat:cs.LG');
      const runtime = await h.start({ chat: { slack: slackPort(300) } });
      const summary = await runtime.pollOnce();
      expect(summary).toMatchObject({ posted: 1, failedDeliveries: 0 });
      expect(api.callsTo('chat.postMessage')).toHaveLength(1);
      expect(api.messages('C-ml')).toHaveLength(1);
      const lookups = api.callsTo('conversations.history');
      expect(lookups).toHaveLength(1);
      expect(lookups[0]!.body).toMatchObject({ channel: 'C-ml', include_all_metadata: 'true', inclusive: 'true' });
      expect(h.logs.some((l) => l.msg === 'earlier attempt had posted: found it, not posting again')).toBe(true);
    });

    it('a connection dropped after Slack stored the post is resolved the same way', async () => {
      api.script('chat.postMessage', { drop: true });
      await h.store.addTopic(channel, 'cat:cs.LG');
      const runtime = await h.start({ chat: { slack: slackPort() } });
      expect(await runtime.pollOnce()).toMatchObject({ posted: 1, failedDeliveries: 0 });
      expect(api.messages('C-ml')).toHaveLength(1);
    });

    it('a 5xx with nothing stored is looked up, found missing, and posted once', async () => {
      api.script('chat.postMessage', { status: 503, text: 'upstream down' });
      await h.store.addTopic(channel, 'cat:cs.LG');
      const runtime = await h.start({ chat: { slack: slackPort() } });
      expect(await runtime.pollOnce()).toMatchObject({ posted: 1, failedDeliveries: 0 });
      expect(api.callsTo('chat.postMessage')).toHaveLength(2);
      expect(api.callsTo('conversations.history')).toHaveLength(1);
      expect(api.messages('C-ml')).toHaveLength(1);
    });

    it('without history scopes an uncertain post is not repeated (at most once), and that is counted', async () => {
      await api.close();
      api = await startFakeSlackApi({ scopes: ['chat:write', 'commands'] });
      const port = slackPort(300);
      expect(await port.historyAccess()).toEqual({ ok: false, missing: ['channels:history', 'groups:history'] });
      api.script('chat.postMessage', { slow: 1500 });
      await h.store.addTopic(channel, 'cat:cs.LG');
      const runtime = await h.start({ chat: { slack: port } });
      const summary = await runtime.pollOnce();
      expect(summary).toMatchObject({ posted: 0, failedDeliveries: 0 });
      expect(api.messages('C-ml')).toHaveLength(1);
      expect(api.callsTo('chat.postMessage')).toHaveLength(1);
      expect(h.logs.some((l) => l.level === WARN && l.msg === 'cannot find out whether an earlier attempt posted; not posting again (at most once)')).toBe(true);
      expect(await runtime.deliveries.stats()).toMatchObject({ abandoned_uncertain: 1 });
      // Remembered for the digest all the same: it most likely went out.
      expect(await h.store.deliveredSince(channel, new Date(0))).toHaveLength(1);
    });

    it('a removed bot (not_in_channel) blocks that channel only and holds its paper', async () => {
      await h.store.addTopic(channel, 'cat:cs.LG');
      await h.store.addTopic(other, 'cat:cs.CR');
      api.scriptChannel('chat.postMessage', 'C-ml', { ok: false, error: 'not_in_channel' });
      const runtime = await h.start({ chat: { slack: slackPort() } });
      const summary = await runtime.pollOnce();
      expect(summary.failedDeliveries).toBe(1);
      expect(await h.store.channelHealth(channel)).toMatchObject({ blockedReason: 'not_in_channel' });
      expect(api.messages('C-other')).toHaveLength(1);

      // Fixed: invited again. resume posts the held paper at once; nothing else needed.
      api.unscriptChannel('chat.postMessage', 'C-ml');
      const resumed = await runtime.resume(channel);
      expect(resumed).toMatchObject({ blockedReason: 'not_in_channel', held: 1 });
      await h.waitForDeliveries(resumed.jobIds);
      expect(api.messages('C-ml')).toHaveLength(1);
    });
  });

  describe('through the Discord REST API', () => {
    const room = discordChannel('1000523254928257125');

    it('honours a 429 retry_after, then posts once with a nonce Discord enforces', async () => {
      const api = await startFakeDiscordApi();
      try {
        api.fail(/\/channels\/[^/]+\/messages$/, rateLimited(1), 1);
        const discord = new DiscordChatPort({ apiUrl: api.url, token: 'bot-token', buttons: new ButtonCommandStore() });
        await h.store.addTopic(room, 'cat:cs.LG');
        const runtime = await h.start({ chat: { discord } });
        expect(await runtime.pollOnce()).toMatchObject({ posted: 1, failedDeliveries: 0 });
        const posts = api.callsTo(/\/channels\/1000523254928257125\/messages$/, 'POST');
        expect(posts).toHaveLength(2);
        expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
        const bodies = posts.map((p) => p.body as { nonce: string; enforce_nonce: boolean });
        expect(bodies[0]!.enforce_nonce).toBe(true);
        expect(bodies[0]!.nonce).toHaveLength(25);
        expect(bodies[1]!.nonce).toBe(bodies[0]!.nonce);
        expect(api.messages(room.channel)).toHaveLength(1);
      } finally {
        await api.close();
      }
    });

    it('a slow post that lands after the timeout is repeated under the same nonce and Discord returns the first message', async () => {
      const api = await startFakeDiscordApi();
      try {
        api.behave({ slow: 1500 });
        const discord = new DiscordChatPort({ apiUrl: api.url, token: 'bot-token', buttons: new ButtonCommandStore(), timeoutMs: 300 });
        await h.store.addTopic(room, 'cat:cs.LG');
        const runtime = await h.start({ chat: { discord } });
        expect(await runtime.pollOnce()).toMatchObject({ posted: 1, failedDeliveries: 0 });
        expect(api.callsTo(/\/channels\/[^/]+\/messages$/, 'POST')).toHaveLength(2);
        expect(api.messages(room.channel)).toHaveLength(1);
        expect(await runtime.deliveries.stats()).toMatchObject({ posted_repeat: 1 });
      } finally {
        await api.close();
      }
    });

    it('past the nonce window, the bot\'s recent messages are read before posting again', async () => {
      // Discord forgets the nonce at once here, and the port trusts it for no time at all.
      const api = await startFakeDiscordApi({ nonceWindowMs: 0 });
      try {
        api.behave({ drop: true });
        const discord = new DiscordChatPort({ apiUrl: api.url, token: 'bot-token', buttons: new ButtonCommandStore() });
        Object.defineProperty(discord, 'repeatSafeForMs', { value: 0 });
        await h.store.addTopic(room, 'cat:cs.LG');
        const runtime = await h.start({ chat: { discord } });
        expect(await runtime.pollOnce()).toMatchObject({ posted: 1, failedDeliveries: 0 });
        expect(api.callsTo(/\/channels\/[^/]+\/messages$/, 'POST')).toHaveLength(1);
        const [list] = api.callsTo(/\/channels\/[^/]+\/messages$/, 'GET');
        expect(list!.query.get('after')).toMatch(/^\d+$/);
        expect(api.messages(room.channel)).toHaveLength(1);
        expect(await runtime.deliveries.stats()).toMatchObject({ found_by_lookup: 1 });
      } finally {
        await api.close();
      }
    });
  });

  it('a permanent error stops that channel\'s deliveries, holds its papers, and spares other channels', async () => {
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
    expect(h.logs.some((l) => l.msg === 'channel is blocked; papers held until it resumes')).toBe(true);
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
    expect(h.logs.filter((l) => l.level === WARN && l.msg === 'delivery failed before anything was posted; will retry').map((l) => l['reason'])).toEqual(['http_502', 'network']);
  });

  it('a delivery that fails every attempt stays held and goes out with the next poll, even when the feed answers 304', async () => {
    await h.teardown();
    h = await jobsHarness({ etag: '"v1"' });
    const slack = new RecordingPort('slack');
    slack.failNext(channel, ...Array.from({ length: 4 }, () => ({ kind: 'transient' as const, reason: 'http_500' })));
    await h.store.addTopic(channel, 'cat:cs.LG');
    const runtime = await h.start({ chat: { slack } });
    expect((await runtime.pollOnce()).failedDeliveries).toBe(1);
    expect(slack.posts).toHaveLength(0);

    const again = await runtime.pollOnce();
    expect(again).toMatchObject({ feedsNotModified: 1, items: 0, posted: 1, failedDeliveries: 0 });
    expect(alertedIds(slack.posts)).toEqual(['2504.18103']);
    expect((await runtime.pollOnce()).posted).toBe(0);
    expect(slack.posts).toHaveLength(1);
  });

  it('resume delivers every paper held while the channel was blocked at once, whatever the feed answers', async () => {
    await h.teardown();
    h = await jobsHarness({ etag: '"v1"' });
    const slack = new RecordingPort('slack');
    await h.store.blockChannel(channel, 'not_in_channel', new Date('2025-04-28T08:00:00Z'));
    await h.store.addTopic(channel, 'au:"Rodney Van Meter"'); // five papers, past a budget of 2
    const runtime = await h.start({ chat: { slack }, env: { ALERTS_PER_POLL: '2' } });
    const blocked = await runtime.pollOnce();
    expect(blocked).toMatchObject({ matched: 5, held: 5, posted: 0, deliveryJobs: [] });
    // The feed has nothing new now (304), and resume does not need it to.
    expect((await runtime.pollOnce()).feedsNotModified).toBe(1);
    expect(slack.posts).toHaveLength(0);

    const resumed = await runtime.resume(channel);
    expect(resumed).toMatchObject({ blockedReason: 'not_in_channel', held: 5 });
    expect(resumed.oldestSince).toBeInstanceOf(Date);
    await h.waitForDeliveries(resumed.jobIds);
    // Two alerts and one summary of the other three: every paper once.
    expect(slack.posts).toHaveLength(3);
    const summary = slack.posts.find((p) => p.deliveryId?.startsWith('summary:'))!;
    expect(summary.message.blocks.some((b) => b.type === 'list' && b.items.length === 3)).toBe(true);
    expect(alertedIds(slack.posts).length + 3).toBe(5);
    expect((await runtime.resume(channel))).toMatchObject({ blockedReason: null, held: 0, jobIds: [] });
    expect((await runtime.pollOnce()).posted).toBe(0);
    expect(slack.posts).toHaveLength(3);
  });

  it('a worker killed after its post landed is not posted again by the next worker (found in the history)', async () => {
    const platform: Post[] = [];
    const dying = new RecordingPort('slack', platform);
    dying.failNext(channel, 'post-then-hang');
    await h.store.addTopic(channel, 'cat:cs.LG');
    const first = await h.start({ chat: { slack: dying } });
    void first.pollOnce().catch(() => undefined);
    while (dying.attempts.length === 0) await new Promise((r) => setTimeout(r, 20));
    await first.close({ force: true }); // like a SIGKILL: the job's lock is never released

    const healthy = new RecordingPort('slack', platform);
    const second = await h.start({ chat: { slack: healthy } });
    await h.waitForDeliveries([...(await h.deliveryJobIds())]);
    await second.close();
    expect(healthy.attempts).toHaveLength(0);
    expect(platform).toHaveLength(1);
    expect(await h.store.deliveredSince(channel, new Date(0))).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === 'earlier attempt had posted: found it, not posting again')).toBe(true);
  });

  it('a worker killed before its post reached the platform is posted once by the next worker (lost, then found missing)', async () => {
    const platform: Post[] = [];
    const dying = new RecordingPort('slack', platform);
    dying.failNext(channel, 'hang');
    await h.store.addTopic(channel, 'cat:cs.LG');
    const first = await h.start({ chat: { slack: dying } });
    void first.pollOnce().catch(() => undefined);
    while (dying.attempts.length === 0) await new Promise((r) => setTimeout(r, 20));
    await first.close({ force: true });

    const healthy = new RecordingPort('slack', platform);
    await h.start({ chat: { slack: healthy } });
    await h.waitForDeliveries([...(await h.deliveryJobIds())]);
    expect(healthy.attempts).toHaveLength(1);
    expect(platform).toHaveLength(1);
  });

  it('a channel held shut by another sender (or a 429) delays the delivery instead of failing it, then posts once', async () => {
    const slack = new RecordingPort('slack');
    await h.store.addTopic(channel, 'cat:cs.LG');
    await holdChannel(h.redis, deliveryKeys(h.prefix).pace(channel), 400);
    const runtime = await h.start({ chat: { slack } });
    const summary = await runtime.pollOnce();
    expect(summary).toMatchObject({ posted: 1, failedDeliveries: 0 });
    expect(slack.attempts).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === 'delivery failed before anything was posted; will retry')).toBe(false);
  });
});
