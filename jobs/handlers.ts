/**
 * Every job name's handler, each built from the narrow context it uses. A Record, so a missing handler
 * is a compile error, not a stuck queue.
 */
import type { JobHandler } from './context.ts';
import { announceHandler, type AnnouncementContext } from './club-announce.ts';
import { alertDeliveryHandler, type AlertDeliveryContext } from './deliver-alert.ts';
import { digestHandler, type DigestContext } from './digest-job.ts';
import { fanOutHandler, type FanOutContext } from './fan-out.ts';
import { fetchFeedHandler, type FeedContext } from './fetch-feed.ts';
import { JOB_QUEUE, type JobName } from './names.ts';
import { pollHandler, type PollContext } from './poll-job.ts';

export interface HandlerContexts {
  poll: PollContext;
  feed: FeedContext;
  fanOut: FanOutContext;
  alerts: AlertDeliveryContext;
  digest: DigestContext;
  club: AnnouncementContext;
}

export function createHandlers(contexts: HandlerContexts): Record<JobName, JobHandler> {
  const deliverAlerts = alertDeliveryHandler(contexts.alerts);
  return {
    'poll-arxiv': pollHandler(contexts.poll),
    'fan-out': fanOutHandler(contexts.fanOut),
    'fetch-feed': fetchFeedHandler(contexts.feed),
    'deliver-alert': deliverAlerts,
    'deliver-summary': deliverAlerts,
    'post-digest': digestHandler(contexts.digest),
    'announce-session': announceHandler(contexts.club),
  };
}

/** Startup check (the Record covers the compiler; this covers anything built at runtime). */
export function assertEveryJobHasAHandler(handlers: Partial<Record<string, JobHandler>>): void {
  const missing = Object.keys(JOB_QUEUE).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`job names without a handler: ${missing.join(', ')}`);
}
