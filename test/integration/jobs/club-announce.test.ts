/**
 * Club announcements on BullMQ: the per-channel scheduler with the club's own repeat rule (planning,
 * skips, restarts), and the announcement job through the real delivery module and the real Slack and
 * Discord chat ports against the fake APIs: the card and presenter line, the discussion thread (Slack:
 * a reply under the announcement; Discord: a thread started from it), exactly once across workers and
 * retries, and a blocked channel giving the claim back.
 */
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiscordChatPort } from '../../../adapters/discord/chat-port.ts';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { SlackChatPort, createDeliveryWebClient } from '../../../adapters/slack/chat-port.ts';
import type { AnnounceJobResult } from '../../../jobs/club-announce.ts';
import { announcementPattern, clubRepeatStrategy } from '../../../jobs/club-scheduler.ts';
import { clubSchedulerId } from '../../../jobs/ids.ts';
import { JOBS, QUEUES } from '../../../jobs/names.ts';
import type { JobRuntime } from '../../../jobs/runtime.ts';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { makeClubSchedule, nextAnnouncementTime, type ClubSchedule } from '../../../src/club/schedule.ts';
import { loadSession } from '../../../src/club/service.ts';
import { systemClock } from '../../../src/ports.ts';
import { seedLibrary } from '../../helpers/services.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../discord/fake-discord-api.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../slack/fake-slack-api.ts';
import { jobsHarness, REDIS, type JobsHarness } from './harness.ts';

/** A weekly schedule whose next session is within the week, announced a week before: due now. */
function dueSchedule(now = new Date()): ClubSchedule {
  const tomorrow = new Date(now.getTime() + 26 * 3600_000);
  const made = makeClubSchedule({ weekday: tomorrow.getUTCDay(), hour: tomorrow.getUTCHours(), minute: 0, timeZone: 'UTC', announceLeadHours: 168 }, now);
  if (!made.ok) throw new Error(made.error);
  return made.value;
}

describe('the club repeat rule', () => {
  const schedule = makeClubSchedule({ weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin', everyWeeks: 2, announceLeadHours: 24 }, new Date('2025-03-05T12:00:00Z'));
  if (!schedule.ok) throw new Error(schedule.error);

  it('plans the next announcement strictly after the last run, by real hours, minus skips', () => {
    const pattern = announcementPattern(schedule.value, []);
    const first = clubRepeatStrategy(Date.parse('2025-03-05T12:00:00Z'), { pattern });
    // Session Tue 11 Mar 17:00 Berlin (16:00 UTC), announced 24 real hours before.
    expect(new Date(first!).toISOString()).toBe('2025-03-10T16:00:00.000Z');
    // Run at that moment: the next is two weeks on, across the DST change (Tue 25 Mar 17:00 CET = 16:00 UTC).
    expect(new Date(clubRepeatStrategy(first!, { pattern })!).toISOString()).toBe('2025-03-24T16:00:00.000Z');
    const skipping = announcementPattern(schedule.value, ['2025-03-25']);
    expect(new Date(clubRepeatStrategy(first!, { pattern: skipping })!).toISOString()).toBe('2025-04-07T15:00:00.000Z');
    expect(clubRepeatStrategy(0, { pattern: '0 * * * *' })).toBeUndefined();
  });
});

describe('club announcements', () => {
  let h: JobsHarness;
  let slackApi: FakeSlackApi;
  let discordApi: FakeDiscordApi;
  let slack: SlackChatPort;
  let discord: DiscordChatPort;
  let runtime: JobRuntime;
  let events: QueueEvents;
  let queue: Queue;
  let n = 0;
  const slackChannel = (): ChannelAddress => ({ platform: 'slack', workspace: 'T1', channel: `CCLUB${++n}` });
  const discordChannel = (): ChannelAddress => ({ platform: 'discord', workspace: '1000000000000000001', channel: `20000000000000000${++n}` });

  beforeAll(async () => {
    slackApi = await startFakeSlackApi();
    discordApi = await startFakeDiscordApi();
  });
  afterAll(async () => {
    await slackApi.close();
    await discordApi.close();
  });
  beforeEach(async () => {
    h = await jobsHarness({ library: await seedLibrary() });
    slack = new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-fake', apiUrl: slackApi.apiUrl, log: h.log }), h.log);
    discord = new DiscordChatPort({ apiUrl: discordApi.url, token: 'bot-token', buttons: new ButtonCommandStore() });
    runtime = await h.start({ chat: { slack, discord }, clock: systemClock, processors: { poll: false, deliver: false, digest: false, club: true } });
    queue = new Queue(QUEUES.club, { connection: REDIS, prefix: h.prefix });
    events = new QueueEvents(QUEUES.club, { connection: REDIS, prefix: h.prefix });
    await events.waitUntilReady();
  });
  afterEach(async () => {
    await events.close();
    await queue.close();
    await h.teardown();
  });

  const announce = async (channel: ChannelAddress, jobId: string): Promise<AnnounceJobResult> => {
    const job = await queue.add(JOBS.announceSession, { channel }, { jobId, attempts: 3, backoff: { type: 'fixed', delay: 50 } });
    return (await job.waitUntilFinished(events, 20_000)) as AnnounceJobResult;
  };

  it('plans a channel\'s announcements on a scheduler, follows skips, and keeps an unchanged plan across a restart', async () => {
    const channel = slackChannel();
    const made = makeClubSchedule({ weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin', everyWeeks: 1, announceLeadHours: 24 }, new Date());
    if (!made.ok) throw new Error(made.error);
    await h.store.setClubSchedule(channel, made.value);
    const plan = await runtime.announcements.follow(channel);
    const expected = nextAnnouncementTime(made.value, new Date())!;
    expect(plan.next).toEqual(expected.dueAt);
    expect(await runtime.announcements.nextRun(channel)).toEqual(expected.dueAt);
    const scheduler = await queue.getJobScheduler(clubSchedulerId(channel));
    expect(JSON.parse(scheduler!.pattern!)).toMatchObject({ club: { weekday: 2, hour: 17, timeZone: 'Europe/Berlin' }, skipped: [] });

    const sessionDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(expected.session));
    await h.store.skipSession(channel, sessionDate, '2000-01-01');
    await runtime.announcements.follow(channel);
    const afterSkip = await runtime.announcements.nextRun(channel);
    expect(afterSkip!.getTime() - expected.dueAt.getTime()).toBeGreaterThanOrEqual(6 * 24 * 3600_000);

    // A restart reconciles: the unchanged plan keeps its next run; a schedule cleared meanwhile goes.
    const gone = slackChannel();
    await h.store.setClubSchedule(gone, made.value);
    await runtime.announcements.follow(gone);
    await runtime.close();
    await h.store.clearClubSchedule(gone);
    const restarted = await h.start({ chat: { slack }, clock: systemClock, processors: { poll: false, deliver: false, digest: false, club: true } });
    expect(await restarted.announcements.nextRun(channel)).toEqual(afterSkip);
    expect(await restarted.announcements.nextRun(gone)).toBeNull();
    expect(h.logs.some((l) => l.msg === 'club announcement schedules reconciled' && l['removed'] === 1)).toBe(true);
    await restarted.announcements.cancel(channel);
    expect(await restarted.announcements.nextRun(channel)).toBeNull();
  });

  it('Slack: posts the announcement once, with its thread under it, whatever the number of runs', async () => {
    const channel = slackChannel();
    const schedule = dueSchedule();
    await h.store.setClubSchedule(channel, schedule);
    await h.store.vote(channel, '2305.14314', { id: 'UALICE', name: 'alice' }, new Date());
    // The planner queues the due session's catch-up job; a second worker's run and a retry race it.
    const plan = await runtime.announcements.follow(channel);
    expect(plan.dueNow).toBe(true);
    const second = await h.start({ chat: { slack }, clock: systemClock, processors: { poll: false, deliver: false, digest: false, club: true } });
    // However the runs interleave, each reports the one announcement or finds it done.
    const results = await Promise.all([announce(channel, 'race-1'), announce(channel, 'race-2')]);
    for (const result of results) expect(result.announced || result.reason === 'already_announced').toBe(true);
    const posts = slackApi.messages(channel.channel);
    const parents = posts.filter((m) => m.thread_ts === undefined);
    expect(parents).toHaveLength(1);
    const announcement = parents[0]!;
    expect(announcement.text).toContain('Attention Is All You Need');
    const blocks = JSON.stringify(announcement.blocks);
    expect(blocks).toContain('Needs a presenter. Next in the rotation: alice');
    expect(blocks).toContain('Before the session: read Attention Is All You Need');
    expect(announcement.metadata?.event_payload['delivery_id']).toMatch(/^club-announce:/);
    const replies = slackApi.thread(channel.channel, announcement.ts).filter((m) => m.ts !== announcement.ts);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]!.blocks)).toContain('A reply here that asks something (with a question mark) is collected');

    const { view } = await loadSession(h.store, channel, h.library.readingOrder());
    expect(view.state).toBe('announced');
    expect(view.announcements).toEqual([expect.objectContaining({ messageId: announcement.ts, threadId: announcement.ts })]);
    expect(await h.store.sessionForThread(channel, announcement.ts)).toBe(1);
    // Any later run for the same session finds it done.
    expect(await announce(channel, 'late')).toMatchObject({ announced: false, reason: 'already_announced' });
    expect(slackApi.messages(channel.channel)).toHaveLength(2);
    await second.close();
  });

  it('Discord: starts a thread from the announcement and posts the opener into it', async () => {
    const channel = discordChannel();
    await h.store.setClubSchedule(channel, dueSchedule());
    await h.store.claim(channel, '1706.03762', { id: '42', name: 'bob' }, new Date());
    expect(await announce(channel, 'discord-1')).toMatchObject({ announced: true });
    const [announcement] = discordApi.messages(channel.channel);
    expect(announcement!.embeds.length + announcement!.content.length).toBeGreaterThan(0);
    expect(JSON.stringify(announcement)).toContain('Presenter: bob');
    const thread = discordApi.threads().find((t) => t.parent_id === channel.channel)!;
    expect(thread).toMatchObject({ id: announcement!.id, name: 'Session 1: Attention Is All You Need', thread_metadata: { auto_archive_duration: 10080 } });
    const [opener] = discordApi.messages(thread.id);
    expect(opener!.content).toContain('Mention the bot in a reply that asks something');
    expect(await h.store.sessionForThread(channel, thread.id)).toBe(1);
    expect(await announce(channel, 'discord-2')).toMatchObject({ announced: false, reason: 'already_announced' });
    expect(discordApi.messages(channel.channel)).toHaveLength(1);
    expect(discordApi.messages(thread.id)).toHaveLength(1);
  });

  it('posts nothing before the announcement is due, and gives the claim back when the channel is blocked', async () => {
    const early = slackChannel();
    const far = makeClubSchedule({ weekday: new Date(Date.now() + 3 * 86_400_000).getUTCDay(), hour: 12, minute: 0, timeZone: 'UTC', announceLeadHours: 1 }, new Date());
    if (!far.ok) throw new Error(far.error);
    await h.store.setClubSchedule(early, far.value);
    expect(await announce(early, 'early')).toEqual({ announced: false, reason: 'not_due' });
    expect(slackApi.messages(early.channel)).toHaveLength(0);

    const blocked = slackChannel();
    const schedule = dueSchedule();
    await h.store.setClubSchedule(blocked, schedule);
    slackApi.scriptChannel('chat.postMessage', blocked.channel, { ok: false, error: 'not_in_channel' });
    await expect(announce(blocked, 'blocked')).rejects.toThrow(/blocked: not_in_channel/);
    expect(await h.store.channelHealth(blocked)).toMatchObject({ blockedReason: 'not_in_channel' });
    const session = nextAnnouncementTime(schedule, new Date(Date.now() - 8 * 86_400_000))!.session;
    // Released: the session can still be claimed (and announced after `resume`).
    expect(await h.store.claimAnnouncement(blocked, session)).toBe(true);
    slackApi.unscriptChannel('chat.postMessage', blocked.channel);
  });

  it('a schedule set less than the lead before a session announces that session at once', async () => {
    const channel = slackChannel();
    await h.store.setClubSchedule(channel, dueSchedule());
    const before = slackApi.messages(channel.channel).length;
    const plan = await runtime.announcements.follow(channel);
    expect(plan.dueNow).toBe(true);
    await slackApi.waitFor((c) => c.method === 'chat.postMessage' && c.body['channel'] === channel.channel, 2);
    expect(slackApi.messages(channel.channel).length - before).toBe(2);
  });
});
