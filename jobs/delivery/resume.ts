/**
 * `paperclub resume --channel <address>`: after the cause of a permanent error is fixed (bot invited
 * back, channel restored), unblock the channel and queue everything it held meanwhile at once, whatever
 * the feeds answer now (they may well answer 304 or have moved on). Also queues papers whose deliveries
 * ran out of retries, when the channel was never blocked.
 */
import type { ChannelAddress } from '../../src/channel-address.ts';
import type { Store } from '../../src/store/types.ts';
import { queueHeldAlerts, type AlertQueueDeps } from './alert-queue.ts';

export interface ResumeResult {
  /** The reason the channel had been blocked, or null when it was not. */
  blockedReason: string | null;
  /** Papers the channel held, and since when the oldest of them waits. */
  held: number;
  oldestSince: Date | null;
  /** Delivery jobs queued (or already queued) for them. */
  jobIds: string[];
}

export interface ResumeDeps {
  store: Pick<Store, 'channelHealth' | 'unblockChannel'>;
  alerts: AlertQueueDeps;
}

export async function resumeChannel(deps: ResumeDeps, channel: ChannelAddress, label: string): Promise<ResumeResult> {
  const health = await deps.store.channelHealth(channel);
  const held = await deps.alerts.outbox.held(channel);
  if (health.blockedReason !== null) await deps.store.unblockChannel(channel);
  const queued = await queueHeldAlerts(deps.alerts, channel, label);
  return {
    blockedReason: health.blockedReason,
    held: held.length,
    oldestSince: held.length > 0 ? new Date(held[0]!.since) : null,
    jobIds: queued.jobIds,
  };
}
