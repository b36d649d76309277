/** arXiv misbehaving: 503, a stalled response, a cut-off body, and conditional GETs answered 304. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST, fixture, jobsHarness, RecordingPort, slackChannel, WARN, type JobsHarness } from './harness.ts';

const channel = slackChannel('C-ai');
const TRANSFORMER = ['2508.13434', '2508.13435', '2508.14001'];

describe('feed failures', () => {
  let h: JobsHarness;
  afterEach(async () => {
    await h.teardown();
  });

  describe('without validators', () => {
    let slack: RecordingPort;
    beforeEach(async () => {
      h = await jobsHarness();
      slack = new RecordingPort('slack');
      await h.store.addTopic(channel, 'transformer');
    });

    it('retries a 503, a timeout and a truncated feed with backoff, logs each, and loses nothing', async () => {
      h.feeds.script(
        { status: 503, body: 'Service Unavailable', headers: { 'retry-after': '1' } },
        'hang',
        { status: 200, body: fixture('rss-atom-cs.AI-2025-08-20-truncated.xml') },
      );
      const runtime = await h.start({ chat: { slack }, env: { ARXIV_CATEGORIES: 'cs.AI' }, tuning: { ...FAST, feedTimeoutMs: 300 } });
      const summary = await runtime.pollOnce();

      expect(h.feeds.feedRequests()).toHaveLength(4);
      expect(summary.feedsFailed).toBe(0);
      expect(summary.posted).toBe(3);
      const posted = slack.posts.flatMap((p) => p.message.blocks.flatMap((b) => (b.type === 'card' ? [b.card.url] : [])));
      expect(posted.sort()).toEqual(TRANSFORMER.map((id) => `https://arxiv.org/abs/${id}`));

      const retries = h.logs.filter((l) => l.level === WARN && l.msg === 'arXiv feed fetch failed; will retry with backoff');
      expect(retries.map((l) => l['attempt'])).toEqual([1, 2, 3]);
      const reasons = retries.map((l) => String((l['err'] as { message?: string }).message));
      expect(reasons[0]).toMatch(/HTTP 503/);
      expect(reasons[1]).toMatch(/timed out/);
      expect(reasons[2]).toMatch(/not a well-formed RSS\/Atom document/);
      const poll = (await h.store.lastPolls()).find((p) => p.category === 'cs.AI');
      expect(poll).toMatchObject({ outcome: 'ok', items: 7 });
    });

    it('gives up on a feed after its attempts, says so, and the poll still finishes', async () => {
      h.feeds.script(...Array.from({ length: 3 }, () => ({ status: 503 })));
      const runtime = await h.start({ chat: { slack }, env: { ARXIV_CATEGORIES: 'cs.AI' }, tuning: { ...FAST, feedAttempts: 3 } });
      const summary = await runtime.pollOnce();
      expect(summary.feedsFailed).toBe(1);
      expect(summary.posted).toBe(0);
      expect(h.logs.some((l) => l.msg === 'arXiv feed fetch failed; giving up until the next poll')).toBe(true);
      expect((await h.store.lastPolls()).find((p) => p.category === 'cs.AI')).toMatchObject({ outcome: 'error' });

      // The next poll gets the feed and delivers what the failed one missed.
      const next = await runtime.pollOnce();
      expect(next.posted).toBe(3);
    });

    it('does not retry a feed that answers 404 (not a transient problem)', async () => {
      h.feeds.script({ status: 404, body: 'no such category' });
      const runtime = await h.start({ chat: { slack }, env: { ARXIV_CATEGORIES: 'cs.AI' } });
      const summary = await runtime.pollOnce();
      expect(summary.feedsFailed).toBe(1);
      expect(h.feeds.feedRequests()).toHaveLength(1);
    });
  });

  describe('with validators', () => {
    it('sends If-None-Match from the last 200 and skips parsing on 304', async () => {
      h = await jobsHarness({ etag: '"feed-v1"' });
      const slack = new RecordingPort('slack');
      await h.store.addTopic(channel, 'transformer');
      const runtime = await h.start({ chat: { slack }, env: { ARXIV_CATEGORIES: 'cs.AI' } });
      const first = await runtime.pollOnce();
      expect(first.items).toBe(7);

      const second = await runtime.pollOnce();
      const [a, b] = h.feeds.feedRequests();
      expect(a!.headers['if-none-match']).toBeUndefined();
      expect(b!.headers['if-none-match']).toBe('"feed-v1"');
      expect(second).toMatchObject({ feedsNotModified: 1, items: 0, posted: 0, deliveryJobs: [] });
      expect((await h.store.lastPolls()).find((p) => p.category === 'cs.AI')).toMatchObject({ outcome: 'not_modified' });
      expect(slack.posts).toHaveLength(3);
    });
  });
});
