/**
 * What a delivery's waits and failures mean for the BullMQ job running it: a wait delays the job
 * (moveToDelayed: no attempt used, no worker slot blocked); a permanent failure (the channel is now
 * blocked) fails it for good; anything else is thrown so BullMQ retries with backoff.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { DeliveryFailed, DeliveryWait } from './deliveries.ts';

export async function asJobOutcome(job: Job, token: string | undefined, error: unknown): Promise<never> {
  if (error instanceof DeliveryWait) {
    await job.moveToDelayed(Date.now() + error.retryInMs, token);
    throw new DelayedError();
  }
  if (error instanceof DeliveryFailed && error.failure.kind === 'permanent') throw new UnrecoverableError(error.message);
  throw error;
}
