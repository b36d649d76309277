/**
 * The DigestScheduler port on BullMQ job schedulers: one scheduler per channel, id `digest|<channel>`,
 * cron `M H * * D` in the channel's IANA time zone. Upserting is idempotent, so changing a schedule
 * replaces the old one at once; `cancel` removes it. Schedules are stored twice on purpose (the store,
 * for `status` and restarts; BullMQ, for firing) and `reconcile` makes BullMQ follow the store.
 */
import type { Queue } from 'bullmq';
import type { ChannelAddress } from '../src/channel-address.ts';
import type { Logger } from '../src/log.ts';
import type { DigestSchedule, DigestScheduler } from '../src/ports.ts';
import type { Store } from '../src/store/types.ts';
import type { JobTuning } from './context.ts';
import { digestSchedulerId, isDigestSchedulerId } from './ids.ts';
import { JOBS } from './names.ts';

export interface DigestJobData {
  channel: ChannelAddress;
}

export function digestCron(schedule: DigestSchedule): string {
  return `${schedule.minute} ${schedule.hour} * * ${schedule.weekday}`;
}

export class BullDigestScheduler implements DigestScheduler {
  constructor(
    private readonly queue: Queue,
    private readonly tuning: JobTuning,
  ) {}

  async schedule(channel: ChannelAddress, schedule: DigestSchedule): Promise<void> {
    await this.queue.upsertJobScheduler(
      digestSchedulerId(channel),
      { pattern: digestCron(schedule), tz: schedule.timeZone },
      {
        name: JOBS.postDigest,
        data: { channel } satisfies DigestJobData,
        opts: {
          attempts: this.tuning.deliveryAttempts,
          backoff: { type: 'exponential', delay: this.tuning.deliveryBackoffMs },
          removeOnComplete: this.tuning.keepCompleted,
          removeOnFail: this.tuning.keepFailed,
        },
      },
    );
  }

  async cancel(channel: ChannelAddress): Promise<void> {
    await this.queue.removeJobScheduler(digestSchedulerId(channel));
  }

  async nextRun(channel: ChannelAddress): Promise<Date | null> {
    const scheduler = await this.queue.getJobScheduler(digestSchedulerId(channel));
    return scheduler?.next === undefined ? null : new Date(scheduler.next);
  }

  /** Makes BullMQ's digest schedulers match the store: adds or updates every stored one, removes the rest. */
  async reconcile(store: Store, log: Logger): Promise<{ scheduled: number; removed: number }> {
    const stored = await store.allSchedules();
    for (const { channel, schedule } of stored) await this.schedule(channel, schedule);
    const wanted = new Set(stored.map(({ channel }) => digestSchedulerId(channel)));
    let removed = 0;
    for (const scheduler of await this.queue.getJobSchedulers(0, -1)) {
      const id = scheduler.key;
      if (isDigestSchedulerId(id) && !wanted.has(id)) {
        await this.queue.removeJobScheduler(id);
        removed += 1;
      }
    }
    if (stored.length > 0 || removed > 0) log.info({ scheduled: stored.length, removed }, 'digest schedules reconciled');
    return { scheduled: stored.length, removed };
  }
}
