/** Per-channel digest schedulers on BullMQ: cron + time zone, restart survival, reconcile, the digest job. */
import { Queue, QueueEvents, type Job, type JobsOptions } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestCron } from '../../../jobs/digest-scheduler.ts';
import type { DigestJobResult } from '../../../jobs/digest-job.ts';
import { digestSchedulerId } from '../../../jobs/ids.ts';
import { JOBS, QUEUES } from '../../../jobs/names.ts';
import type { DigestSchedule } from '../../../src/ports.ts';
import { jobsHarness, libraryOf, REDIS, RecordingPort, slackChannel, type JobsHarness } from './harness.ts';

const berlin: DigestSchedule = { weekday: 1, hour: 9, minute: 30, timeZone: 'Europe/Berlin' };
const channel = slackChannel('C-club');
const other = slackChannel('C-other');

describe('digest schedules', () => {
  let h: JobsHarness;
  beforeEach(async () => {
    h = await jobsHarness({
      library: libraryOf([
        {
          id: '2106.09685', kind: 'arxiv', title: 'LoRA: Low-Rank Adaptation of Large Language Models', authors: [], year: 2021, date: null,
          arxivId: '2106.09685', doi: null, links: [], aka: ['LoRA'], affiliation: null, tags: [], summary: [], takeaway: 'Train two small matrices.',
          bibtex: null, readingOrder: 1, abstract: null, categories: [], primaryCategory: null, sources: [], provenance: { source: 'reading-list' },
        },
      ]),
    });
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('turns a schedule into cron in the channel\'s time zone', () => {
    expect(digestCron(berlin)).toBe('30 9 * * 1');
    expect(digestCron({ weekday: 0, hour: 17, minute: 5, timeZone: 'UTC' })).toBe('5 17 * * 0');
  });

  it('schedules, reports the next run in the right zone, changes and cancels at once', async () => {
    const runtime = await h.start({ processors: { poll: false, deliver: false, digest: true } });
    await runtime.digests.schedule(channel, berlin);
    const next = await runtime.digests.nextRun(channel);
    // Real time moves on; the next run is some Monday 09:30 in Berlin, within a week.
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(next!);
    const part = (type: string) => parts.find((p) => p.type === type)?.value;
    expect([part('weekday'), part('hour'), part('minute')]).toEqual(['Mon', '09', '30']);
    expect(next!.getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);

    await runtime.digests.schedule(channel, { weekday: 5, hour: 16, minute: 0, timeZone: 'America/New_York' });
    const moved = await runtime.digests.nextRun(channel);
    expect(new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: 'numeric', hour12: false }).format(moved!)).toBe('Fri, 16');

    await runtime.digests.cancel(channel);
    expect(await runtime.digests.nextRun(channel)).toBeNull();
  });

  it('schedules survive a restart, and the store decides which ones exist', async () => {
    const first = await h.start({ processors: { poll: false, deliver: false, digest: true } });
    await h.store.setSchedule(channel, berlin);
    await first.digests.schedule(channel, berlin);
    await h.store.setSchedule(other, berlin);
    await first.digests.schedule(other, berlin);
    const before = await first.digests.nextRun(channel);
    await first.close();

    // While no runtime runs, `digest off` clears the store only; the restart removes the stale scheduler.
    await h.store.clearSchedule(other);
    const second = await h.start({ processors: { poll: false, deliver: false, digest: true } });
    expect(await second.digests.nextRun(channel)).toEqual(before);
    expect(await second.digests.nextRun(other)).toBeNull();
    expect(h.logs.some((l) => l.msg === 'digest schedules reconciled' && l['removed'] === 1)).toBe(true);
  });

  describe('the digest job', () => {
    const run = async (h: JobsHarness, slack: RecordingPort, opts: JobsOptions = {}) => {
      await h.start({ chat: { slack }, processors: { poll: false, deliver: false, digest: true } });
      const queue = new Queue(QUEUES.digest, { connection: REDIS, prefix: h.prefix });
      const events = new QueueEvents(QUEUES.digest, { connection: REDIS, prefix: h.prefix });
      try {
        await events.waitUntilReady();
        const job: Job = await queue.add(JOBS.postDigest, { channel }, { jobId: `test-${digestSchedulerId(channel)}`, ...opts });
        return (await job.waitUntilFinished(events)) as DigestJobResult;
      } finally {
        await events.close();
        await queue.close();
      }
    };

    it('posts the same digest `digest preview` builds and remembers when', async () => {
      const slack = new RecordingPort('slack');
      await h.store.setSchedule(channel, berlin);
      await h.store.recordDelivered(channel, { arxivId: '2504.18103', title: 'Bayesian Quantum Orthogonal Neural Networks', topic: 'cat:cs.LG', deliveredAt: '2025-04-27T10:00:00Z' });
      expect(await run(h, slack)).toEqual({ posted: true });
      const [post] = slack.postsTo(channel);
      expect(post!.message.summary).toBe('Paper club digest: this week, LoRA: Low-Rank Adaptation of Large Language Models');
      expect(post!.message.blocks.some((b) => b.type === 'list' && b.items.includes('Bayesian Quantum Orthogonal Neural Networks (arXiv:2504.18103)'))).toBe(true);
      expect(await h.store.lastDigestAt(channel)).toEqual(new Date('2025-04-28T12:00:00Z'));
    });

    it('posts nothing once the schedule is off', async () => {
      const slack = new RecordingPort('slack');
      expect(await run(h, slack)).toEqual({ posted: false, reason: 'schedule_off' });
      expect(slack.posts).toHaveLength(0);
    });

    it('a digest whose answer was lost is posted once: the retry finds it and keeps the build time', async () => {
      const slack = new RecordingPort('slack');
      slack.failNext(channel, 'post-then-timeout');
      await h.store.setSchedule(channel, berlin);
      expect(await run(h, slack, { attempts: 3, backoff: { type: 'fixed', delay: 150 } })).toEqual({ posted: true });
      expect(slack.posts).toHaveLength(1);
      expect(slack.attempts).toHaveLength(1);
      expect(await h.store.lastDigestAt(channel)).toEqual(new Date('2025-04-28T12:00:00Z'));
    });

    it('a permanent error blocks the channel', async () => {
      const slack = new RecordingPort('slack');
      slack.failNext(channel, { kind: 'permanent', reason: 'is_archived' });
      await h.store.setSchedule(channel, berlin);
      await expect(run(h, slack)).rejects.toThrow(/blocked: is_archived/);
      expect(await h.store.channelHealth(channel)).toMatchObject({ blockedReason: 'is_archived' });
      expect(await h.store.lastDigestAt(channel)).toBeNull();
    });
  });
});
