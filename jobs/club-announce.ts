/**
 * A club session's announcement, once: when it is due (src/club/schedule.ts dueAnnouncement), the
 * club gets a paper if it ran out (fillEmptySession), the announcement is posted through the delivery
 * module under the session's own delivery id, its discussion thread is opened (Slack: replies under it;
 * Discord: a thread started from it) with a first message saying how to ask there, and the store
 * records it on the session (which maps the thread to the session for collecting questions).
 *
 * Exactly once, however many workers and retries: `claimAnnouncement` lets one caller in per session
 * time and lets a later run see that it is done; the delivery ids make the posts themselves
 * exactly once even for a run that restarts half-way (a crashed worker, a retried job); Discord
 * answers a second thread start for the same message with the same thread. A channel blocked before
 * anything was posted gives the claim back, so the session can still be announced after `resume`.
 */
import { formatChannelAddress, type Platform } from '../src/channel-address.ts';
import { planAnnouncement } from '../src/club/announcement.ts';
import { announcementMessage, threadOpenerMessage, threadTitle, type ThreadQuestions } from '../src/club/announcement-message.ts';
import { dueAnnouncement } from '../src/club/schedule.ts';
import { fillEmptySession, loadSession } from '../src/club/service.ts';
import type { Logger } from '../src/log.ts';
import type { Message } from '../src/messages/message.ts';
import { DeliveryError, type ChatPort, type Clock } from '../src/ports.ts';
import type { PaperLookup } from '../src/search/resolve.ts';
import type { ClubScheduleStore, ClubSessionStore } from '../src/store/types.ts';
import type { ChannelAddress } from '../src/channel-address.ts';
import type { JobHandler } from './context.ts';
import { DeliveryFailed, type Deliveries } from './delivery/deliveries.ts';
import { asJobOutcome } from './delivery/job-outcome.ts';
import { announcementDeliveryId, threadOpenerDeliveryId } from './ids.ts';

export interface AnnounceJobData {
  channel: ChannelAddress;
}

export interface AnnouncementContext {
  deliveries: Pick<Deliveries, 'send'>;
  store: Pick<ClubScheduleStore, 'getClubSchedule' | 'skippedSessions'> &
    Pick<ClubSessionStore, 'clubSnapshot' | 'applyPromotion' | 'claimAnnouncement' | 'releaseAnnouncement' | 'recordAnnouncement' | 'clubMembers' | 'archivedSessions'>;
  library: Pick<PaperLookup, 'get'> & { readingOrder(): string[] };
  /** Opens a posted message's discussion thread, where the platform has threads. */
  threads: Partial<Record<Platform, Pick<ChatPort, 'openThread'>>>;
  /** How each platform's thread replies become questions (Discord depends on the Message Content intent). */
  threadQuestions: Record<Platform, ThreadQuestions>;
  clock: Clock;
  log: Logger;
}

export interface AnnounceJobResult {
  announced: boolean;
  reason?: 'no_schedule' | 'not_due' | 'already_announced' | 'blocked' | 'uncertain';
  sessionAt?: string;
  messageId?: string;
  threadId?: string | null;
}

export function announceHandler(ctx: AnnouncementContext): JobHandler {
  return async (job, token): Promise<AnnounceJobResult> => {
    const { channel } = job.data as AnnounceJobData;
    const log = ctx.log.child({ job: job.name, jobId: job.id, channel: formatChannelAddress(channel) });
    const { store, library } = ctx;
    const schedule = await store.getClubSchedule(channel);
    if (!schedule) return { announced: false, reason: 'no_schedule' };
    // A planned job is due at the moment it was planned for, even if this worker's clock is a little behind
    // the clock that planned it (a catch-up job has no plan: it runs now).
    const plannedFor = job.opts.delay ? job.timestamp + job.opts.delay : 0;
    const now = new Date(Math.max(ctx.clock.now().getTime(), plannedFor));
    const due = dueAnnouncement(schedule, now, new Set(await store.skippedSessions(channel)));
    if (!due) return { announced: false, reason: 'not_due' };
    const sessionAt = due.session;
    const initial = library.readingOrder();

    const first = await store.claimAnnouncement(channel, sessionAt);
    if (!first) {
      const { view } = await loadSession(store, channel, initial);
      if (view.announcements.some((a) => a.sessionAt === sessionAt.toISOString())) return { announced: false, reason: 'already_announced', sessionAt: sessionAt.toISOString() };
      // Claimed but not recorded: a run that crashed half-way, or one still running. The delivery ids
      // keep the posts single, so finishing the work here is safe.
      log.info({ sessionAt }, 'announcement claimed but not recorded; finishing it');
    }

    const questions = ctx.threadQuestions[channel.platform];
    const opener = ctx.threads[channel.platform]?.openThread ? questions : 'none';
    let outcome;
    try {
      outcome = await ctx.deliveries.send({
        channel,
        id: announcementDeliveryId(sessionAt),
        // Built once, when the delivery is new: every retry posts the very same announcement.
        message: async () => {
          await fillEmptySession(store, channel, initial, ctx.clock.now());
          const { view, snapshot } = await loadSession(store, channel, initial);
          const [members, archive] = await Promise.all([store.clubMembers(channel), store.archivedSessions(channel)]);
          const plan = planAnnouncement({ view, sessionAt, claims: snapshot.claims, members, archive, now: ctx.clock.now() });
          return {
            message: announcementMessage(plan, library, schedule.timeZone, opener),
            meta: { session: String(plan.sessionNumber), thread: threadTitle(plan, library), opener: JSON.stringify(threadOpenerMessage(plan, library, opener)) },
          };
        },
        log,
      });
    } catch (error) {
      // Permanent: the channel is now blocked and nothing was posted; `resume` lets it be announced again.
      if (error instanceof DeliveryFailed && error.failure.kind === 'permanent') await store.releaseAnnouncement(channel, sessionAt);
      return asJobOutcome(job, token, error);
    }
    if (outcome.kind === 'blocked') {
      await store.releaseAnnouncement(channel, sessionAt);
      log.info({ reason: outcome.reason }, 'channel is blocked; announcement not posted');
      return { announced: false, reason: 'blocked', sessionAt: sessionAt.toISOString() };
    }
    if (outcome.kind === 'abandoned') {
      // Whether it was posted cannot be told: not posted again, and no thread can hang off an unknown message.
      log.warn({ reason: outcome.reason }, 'announcement outcome unknown; not posted again');
      return { announced: false, reason: 'uncertain', sessionAt: sessionAt.toISOString() };
    }

    const sessionNumber = Number(outcome.meta['session']);
    const threadId = await openThread(ctx, channel, outcome.messageId, outcome.meta['thread'] ?? 'Discussion', log);
    const recorded = await store.recordAnnouncement(channel, sessionNumber, { sessionAt: sessionAt.toISOString(), postedAt: outcome.postedAt.toISOString(), messageId: outcome.messageId, threadId });
    if (!recorded) log.info({ sessionNumber }, 'the session was marked done meanwhile; its thread still collects nothing new');
    if (threadId !== null && outcome.meta['opener']) {
      try {
        await ctx.deliveries.send({ channel, id: threadOpenerDeliveryId(sessionAt), thread: threadId, message: JSON.parse(outcome.meta['opener']) as Message, log });
      } catch (error) {
        return asJobOutcome(job, token, error);
      }
    }
    log.info({ sessionNumber, sessionAt, messageId: outcome.messageId, threadId }, 'session announced');
    return { announced: true, sessionAt: sessionAt.toISOString(), messageId: outcome.messageId, threadId };
  };
}

/**
 * The announcement's thread id, or null where there is none: a platform without threads, or a channel
 * where the bot may not start one (Discord's Create Public Threads), which is logged; questions then come
 * through `club ask`. Anything that may pass (a 429, a lost answer) is thrown, and the job retries.
 */
async function openThread(ctx: AnnouncementContext, channel: ChannelAddress, messageId: string, name: string, log: Logger): Promise<string | null> {
  const port = ctx.threads[channel.platform];
  if (!port?.openThread) return null;
  try {
    return (await port.openThread(channel, messageId, { name })).threadId;
  } catch (error) {
    if (error instanceof DeliveryError && error.failure.kind === 'permanent') {
      log.warn({ reason: error.failure.reason }, 'could not open the discussion thread; questions come through `club ask`');
      return null;
    }
    throw error;
  }
}
