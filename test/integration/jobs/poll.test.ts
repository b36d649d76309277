/** Polling replayed real arXiv feeds through the whole pipeline: fetch → match → fan-out → delivery. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatChannelAddress } from '../../../src/channel-address.ts';
import {
  alertedIds, discordChannel, fixedClock, fixture, jobsHarness, RecordingPort, slackChannel, WARN, type JobsHarness,
} from './harness.ts';

const readers = slackChannel('C-readers');
const ml = slackChannel('C-ml');
const crypto = discordChannel('D-crypto');

const VAN_METER = ['2504.18121', '2504.18141', '2504.18298', '2504.18334', '2504.18156'];

describe('poll', () => {
  let h: JobsHarness;
  let slack: RecordingPort;
  let discord: RecordingPort;
  beforeEach(async () => {
    h = await jobsHarness();
    slack = new RecordingPort('slack');
    discord = new RecordingPort('discord');
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('posts exactly the papers that match each channel, once, with reasons; polling again posts nothing', async () => {
    await h.store.addTopic(readers, '"quantum reservoir computing"');
    await h.store.addTopic(readers, 'au:"Rodney Van Meter"');
    await h.store.addTopic(ml, 'cat:cs.LG');
    await h.store.addTopic(crypto, 'cat:cs.CR +replacements');
    const runtime = await h.start({ chat: { slack, discord } });

    const first = await runtime.pollOnce();
    expect(first.feeds).toBe(1);
    expect(first.items).toBe(81);
    expect(first.failedDeliveries).toBe(0);
    expect(alertedIds(slack.postsTo(readers)).sort()).toEqual(['2504.17837', '2504.18205', ...VAN_METER].sort());
    expect(alertedIds(slack.postsTo(ml))).toEqual(['2504.18103']);
    // cs.CR: one new paper plus two replacements the channel asked for.
    expect(alertedIds(discord.postsTo(crypto)).sort()).toEqual(['2112.14988', '2501.12842', '2504.18188']);
    expect(first.posted).toBe(11);

    // One feed request, with a descriptive User-Agent, for the union of categories.
    const requests = h.feeds.feedRequests();
    expect(requests.map((r) => r.url)).toEqual(['/rss/cs.CR+cs.LG+quant-ph']);
    expect(String(requests[0]!.headers['user-agent'])).toMatch(/^paperclub\//);

    // The card says why it matched.
    const card = slack.postsTo(ml)[0]!.message.blocks.find((b) => b.type === 'card');
    expect(card?.type === 'card' && card.card.fields?.[0]).toEqual({ label: 'Why', value: 'cat:cs.LG: cat:cs.LG (category)' });

    // Recorded for the digest, under the topic that matched.
    const delivered = await h.store.deliveredSince(ml, new Date(0));
    expect(delivered.map((d) => [d.arxivId, d.topic])).toEqual([['2504.18103', 'cat:cs.LG']]);

    const again = await runtime.pollOnce();
    expect(again.deliveryJobs).toEqual([]);
    expect(again.posted).toBe(0);
    expect(slack.posts).toHaveLength(8);
    expect(discord.posts).toHaveLength(3);
  });

  it('an overlapping feed (other categories, same papers) posts nothing new', async () => {
    await h.store.addTopic(readers, 'au:"Rodney Van Meter"');
    const runtime = await h.start({ chat: { slack } });
    await runtime.pollOnce();
    expect(alertedIds(slack.posts).sort()).toEqual([...VAN_METER].sort());

    // A new topic widens the feed to quant-ph + cs.ET: the same items come back, cross-lists included.
    await h.store.addTopic(readers, 'cat:cs.ET');
    const second = await runtime.pollOnce();
    expect(h.feeds.feedRequests().at(-1)!.url).toBe('/rss/cs.ET+quant-ph');
    expect(alertedIds(slack.posts).sort()).toEqual([...VAN_METER, '2504.18359'].sort());
    expect(second.posted).toBe(1);
    // status shows the feed polled now, not the narrower one it replaced.
    expect((await h.store.lastPolls()).map((p) => p.category)).toEqual(['cs.ET+quant-ph']);
  });

  it('a restarted runtime on the same Redis does not post again', async () => {
    await h.store.addTopic(readers, 'au:"Rodney Van Meter"');
    const first = await h.start({ chat: { slack } });
    await first.pollOnce();
    await first.close();
    const second = await h.start({ chat: { slack } });
    const summary = await second.pollOnce();
    expect(summary.posted).toBe(0);
    expect(slack.posts).toHaveLength(VAN_METER.length);
  });

  it('past the per-poll budget, one summary lists the rest instead of flooding', async () => {
    await h.store.addTopic(readers, 'cat:quant-ph');
    const runtime = await h.start({ chat: { slack }, env: { ALERTS_PER_POLL: '3' } });
    const summary = await runtime.pollOnce();
    // 40 new + 10 cross-lists match; replacements do not.
    expect(summary.matched).toBe(50);
    expect(summary.alerts).toBe(3);
    expect(summary.summaries).toBe(1);
    expect(summary.posted).toBe(50);
    const posts = slack.postsTo(readers);
    expect(posts).toHaveLength(4);
    const listing = posts.find((p) => p.message.blocks.some((b) => b.type === 'list'))!;
    expect(listing.message.summary).toBe('47 more new papers on your topics');
    const list = listing.message.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items).toHaveLength(25);
    expect(listing.message.blocks.some((b) => b.type === 'context' && b.text.startsWith('and 22 more'))).toBe(true);
    // Every paper, carded or summarised, is claimed and remembered for the digest.
    expect(await h.store.deliveredSince(readers, new Date(0))).toHaveLength(50);
    expect((await runtime.pollOnce()).posted).toBe(0);
  });

  it('records the poll for status and stays quiet about an expected empty weekend feed', async () => {
    await h.store.addTopic(readers, 'au:"Rodney Van Meter"');
    const emptyFeed = fixture('rss2-quant-ph-2025-04-28.xml').replace(/<item>[\s\S]*<\/item>/, '');
    h.feeds.script({ status: 200, body: emptyFeed });
    // Sunday 27 Apr: no announcement on Saturday evening, so the feed is empty by design.
    const runtime = await h.start({ chat: { slack }, clock: fixedClock(new Date('2025-04-27T15:00:00Z')) });
    const summary = await runtime.pollOnce();
    expect(summary.items).toBe(0);
    const polls = await h.store.lastPolls();
    expect(polls.find((p) => p.category === 'quant-ph')).toMatchObject({ outcome: 'empty', items: 0 });
    expect(h.logs.filter((l) => l.level >= WARN && /empty/.test(l.msg))).toEqual([]);
  });

  it('reports an empty feed when an announcement was due, at warn and in status', async () => {
    const emptyFeed = fixture('rss2-quant-ph-2025-04-28.xml').replace(/<item>[\s\S]*<\/item>/, '');
    h.feeds.script({ status: 200, body: emptyFeed });
    const runtime = await h.start({ chat: { slack } });
    await runtime.pollOnce();
    const poll = (await h.store.lastPolls()).find((p) => p.category === 'quant-ph');
    expect(poll).toMatchObject({ outcome: 'empty', items: 0 });
    expect(poll?.detail).toMatch(/should list papers/);
    expect(h.logs.some((l) => l.level === WARN && l.msg === 'arXiv feed is empty although an announcement was due')).toBe(true);
  });

  it('reports a stale feed when a newer announcement was due', async () => {
    await h.store.addTopic(readers, 'au:"Rodney Van Meter"');
    // Thursday 1 May: the Monday feed is three rebuilds old.
    const runtime = await h.start({ chat: { slack }, clock: fixedClock(new Date('2025-05-01T12:00:00Z')) });
    const summary = await runtime.pollOnce();
    expect(summary.posted).toBe(VAN_METER.length); // stale papers are still new to the channel
    expect((await h.store.lastPolls()).find((p) => p.category === 'quant-ph')).toMatchObject({ outcome: 'stale', items: 81 });
    expect(h.logs.some((l) => l.level === WARN && l.msg === 'arXiv feed is stale although an announcement was due')).toBe(true);
  });

  it('polls the configured categories, without duplicates, when no topic asks for more', async () => {
    const runtime = await h.start({ chat: { slack }, env: { ARXIV_CATEGORIES: 'cs.AI, cs.LG , cs.AI' } });
    await runtime.pollOnce();
    expect(h.feeds.feedRequests().map((r) => r.url)).toEqual(['/rss/cs.AI+cs.LG']);
  });

  it('names channels in logs by address', async () => {
    await h.store.addTopic(readers, 'au:"Rodney Van Meter"');
    const runtime = await h.start({ chat: { slack } });
    await runtime.pollOnce();
    expect(h.logs.some((l) => l.msg === 'delivered' && l['channel'] === formatChannelAddress(readers))).toBe(true);
  });
});
