/**
 * What the queues look like right now, for /metrics: jobs per state, and how long the oldest waiting
 * job has waited (since it was added) and the oldest active job has run (since a worker took it). The
 * numbers are the deployment's, whichever process asks: every process reads the same Redis.
 */
import type { Queue } from 'bullmq';
import type { QueueKey } from './names.ts';

/** The states reported; `prioritized` and `waiting-children` are part of BullMQ's waiting work. */
export const QUEUE_STATES = ['waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed', 'completed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface QueueStats {
  counts: Record<QueueState, number>;
  /** Seconds since the oldest waiting job was added; null when none waits. */
  oldestWaitingS: number | null;
  /** Seconds since the longest-running active job was taken; null when none runs. */
  oldestActiveS: number | null;
}

async function oldest(queue: Queue, state: 'waiting' | 'active', now: number): Promise<number | null> {
  // Lists are read oldest-first with asc=true; one job is enough.
  const [job] = await queue.getJobs([state], 0, 0, true);
  if (!job) return null;
  const since = state === 'active' ? (job.processedOn ?? job.timestamp) : job.timestamp;
  return Math.max(0, (now - since) / 1000);
}

export async function queueStats(queues: Record<QueueKey, Queue>, now: () => number = Date.now): Promise<Record<QueueKey, QueueStats>> {
  const entries = await Promise.all(
    (Object.keys(queues) as QueueKey[]).map(async (key) => {
      const queue = queues[key];
      const [raw, oldestWaitingS, oldestActiveS] = await Promise.all([
        queue.getJobCounts(...QUEUE_STATES),
        oldest(queue, 'waiting', now()),
        oldest(queue, 'active', now()),
      ]);
      const counts = Object.fromEntries(QUEUE_STATES.map((state) => [state, raw[state] ?? 0])) as Record<QueueState, number>;
      return [key, { counts, oldestWaitingS, oldestActiveS }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<QueueKey, QueueStats>;
}
