/**
 * Every queue and job name in one place. Handlers are a Record<JobName, Handler> (jobs/handlers.ts),
 * so a name without a handler does not compile; the runtime also checks at startup.
 */
export const QUEUES = {
  /** The poll scheduler and the fan-out that follows each poll's feed fetches. */
  poll: 'poll',
  /** arXiv feed fetches only: one shared limiter of one request every 3 s for all workers. */
  arxiv: 'arxiv',
  /** Posting alerts into channels. */
  deliver: 'deliver',
  /** Per-channel weekly digests. */
  digest: 'digest',
  /** Club session announcements (per-channel schedulers with the club's own repeat rule). */
  club: 'club',
} as const;

export type QueueKey = keyof typeof QUEUES;
export type QueueName = (typeof QUEUES)[QueueKey];

export const JOBS = {
  pollArxiv: 'poll-arxiv',
  fanOut: 'fan-out',
  fetchFeed: 'fetch-feed',
  deliverAlert: 'deliver-alert',
  deliverSummary: 'deliver-summary',
  postDigest: 'post-digest',
  announceSession: 'announce-session',
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueKey> = {
  'poll-arxiv': 'poll',
  'fan-out': 'poll',
  'fetch-feed': 'arxiv',
  'deliver-alert': 'deliver',
  'deliver-summary': 'deliver',
  'post-digest': 'digest',
  'announce-session': 'club',
};

export const POLL_SCHEDULER_ID = 'poll-arxiv';

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUE, name);
}
