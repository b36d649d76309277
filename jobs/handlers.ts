/** Every job name's handler. A Record, so a missing handler is a compile error, not a stuck queue. */
import type { Handler } from './context.ts';
import { deliverAlert, deliverSummary } from './deliver.ts';
import { postDigest } from './digest-job.ts';
import { fanOut } from './fan-out.ts';
import { fetchFeedJob } from './fetch-feed.ts';
import { JOB_QUEUE, type JobName } from './names.ts';
import { pollArxiv } from './poll-job.ts';

export const HANDLERS: Record<JobName, Handler> = {
  'poll-arxiv': pollArxiv,
  'fan-out': fanOut,
  'fetch-feed': fetchFeedJob,
  'deliver-alert': deliverAlert,
  'deliver-summary': deliverSummary,
  'post-digest': postDigest,
};

/** Startup check (the Record covers the compiler; this covers anything built at runtime). */
export function assertEveryJobHasAHandler(handlers: Partial<Record<string, Handler>> = HANDLERS): void {
  const missing = Object.keys(JOB_QUEUE).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`job names without a handler: ${missing.join(', ')}`);
}
