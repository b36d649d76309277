/**
 * Club announcements on BullMQ job schedulers: one per channel, id `club|<channel>`, like the digest's,
 * so it survives restarts and `upsertJobScheduler` replaces a changed plan at once.
 *
 * A session's announcement is due a number of REAL hours before a wall-clock session time, every n
 * weeks, minus skipped dates; cron cannot say that across a DST change or for every other week. So the
 * `club` queue has its own repeat rule (`clubRepeatStrategy`): the scheduler's pattern carries the
 * schedule and its upcoming skips as JSON, and the next run is `nextAnnouncementTime` of src/club,
 * the same tested function the feed and `dueAnnouncement` use. `club schedule|skip` upsert the plan;
 * a session already due when it is planned (schedule set less than the lead before a session, or a
 * worker down across the due time) also gets a catch-up job whose id names the session, so it runs once.
 * The handler decides from the store, not from the job: a stale run posts nothing.
 */
import type { Queue, RepeatOptions } from 'bullmq';
import type { ChannelAddress } from '../src/channel-address.ts';
import { dueAnnouncement, nextAnnouncementTime, upcomingSkips, type ClubSchedule } from '../src/club/schedule.ts';
import type { Logger } from '../src/log.ts';
import type { ClubAnnouncements, Clock } from '../src/ports.ts';
import type { ClubScheduleStore } from '../src/store/types.ts';
import type { AnnounceJobData } from './club-announce.ts';
import type { JobTuning } from './context.ts';
import { announceJobId, clubSchedulerId, isClubSchedulerId } from './ids.ts';
import { JOBS } from './names.ts';

/** What a club scheduler's pattern holds: enough to compute every next announcement without Redis. */
interface AnnouncementPlanPattern {
  club: ClubSchedule;
  skipped: string[];
}

export function announcementPattern(schedule: ClubSchedule, skipped: readonly string[]): string {
  return JSON.stringify({ club: schedule, skipped: [...skipped].sort() } satisfies AnnouncementPlanPattern);
}

/**
 * The `club` queue's repeat rule (Queue and Worker `settings.repeatStrategy`): the first announcement
 * time strictly after `millis`, so a run never plans itself again. Undefined ends the scheduler (no
 * session left), which only a pattern that is not ours can cause.
 */
export function clubRepeatStrategy(millis: number, opts: RepeatOptions): number | undefined {
  let plan: AnnouncementPlanPattern;
  try {
    plan = JSON.parse(opts.pattern ?? '') as AnnouncementPlanPattern;
  } catch {
    return undefined;
  }
  return nextAnnouncementTime(plan.club, new Date(millis), new Set(plan.skipped))?.dueAt.getTime();
}

export class BullAnnouncementScheduler implements ClubAnnouncements {
  constructor(
    private readonly queue: Queue,
    private readonly store: Pick<ClubScheduleStore, 'getClubSchedule' | 'skippedSessions' | 'allClubSchedules'>,
    private readonly clock: Clock,
    private readonly tuning: JobTuning,
  ) {}

  private get jobOptions() {
    return {
      attempts: this.tuning.deliveryAttempts,
      backoff: { type: 'exponential' as const, delay: this.tuning.deliveryBackoffMs },
      removeOnComplete: this.tuning.keepCompleted,
      removeOnFail: this.tuning.keepFailed,
    };
  }

  async follow(channel: ChannelAddress): Promise<{ next: Date | null; dueNow: boolean }> {
    const schedule = await this.store.getClubSchedule(channel);
    if (!schedule) {
      await this.cancel(channel);
      return { next: null, dueNow: false };
    }
    return this.plan(channel, schedule, new Set(await this.store.skippedSessions(channel)), true);
  }

  async cancel(channel: ChannelAddress): Promise<void> {
    await this.queue.removeJobScheduler(clubSchedulerId(channel));
  }

  /** When the channel's next announcement is planned, or null without a scheduler. */
  async nextRun(channel: ChannelAddress): Promise<Date | null> {
    const scheduler = await this.queue.getJobScheduler(clubSchedulerId(channel));
    return scheduler?.next === undefined ? null : new Date(scheduler.next);
  }

  /**
   * Makes the schedulers match the store (after a restart, or a change made while no runner ran): a
   * plan that is unchanged is left alone (its next run stays), a changed one replaced, stale ones
   * removed, and a session due now gets its catch-up job.
   */
  async reconcile(log: Logger): Promise<{ scheduled: number; removed: number }> {
    const stored = await this.store.allClubSchedules();
    for (const { channel, schedule } of stored) await this.plan(channel, schedule, new Set(await this.store.skippedSessions(channel)), false);
    const wanted = new Set(stored.map(({ channel }) => clubSchedulerId(channel)));
    let removed = 0;
    for (const scheduler of await this.queue.getJobSchedulers(0, -1)) {
      if (isClubSchedulerId(scheduler.key) && !wanted.has(scheduler.key)) {
        await this.queue.removeJobScheduler(scheduler.key);
        removed += 1;
      }
    }
    if (stored.length > 0 || removed > 0) log.info({ scheduled: stored.length, removed }, 'club announcement schedules reconciled');
    return { scheduled: stored.length, removed };
  }

  private async plan(channel: ChannelAddress, schedule: ClubSchedule, skipped: ReadonlySet<string>, replace: boolean): Promise<{ next: Date | null; dueNow: boolean }> {
    const now = this.clock.now();
    const id = clubSchedulerId(channel);
    const pattern = announcementPattern(schedule, upcomingSkips(schedule, skipped, now));
    const data: AnnounceJobData = { channel };
    const existing = replace ? null : await this.queue.getJobScheduler(id);
    if (existing?.pattern !== pattern) {
      await this.queue.upsertJobScheduler(id, { pattern }, { name: JOBS.announceSession, data, opts: this.jobOptions });
    }
    const due = dueAnnouncement(schedule, now, skipped);
    if (due) await this.queue.add(JOBS.announceSession, data, { ...this.jobOptions, jobId: announceJobId(channel, due.session) });
    return { next: nextAnnouncementTime(schedule, now, skipped)?.dueAt ?? null, dueNow: due !== null };
  }
}
