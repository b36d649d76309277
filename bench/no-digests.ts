import { PaperclubError } from '../src/errors.ts';
import type { DigestScheduler } from '../src/ports.ts';

/** search, show and cite never schedule digests: a bench that reaches the scheduler has a bug. */
export function noDigests(bench: string): DigestScheduler {
  const refuse = () => Promise.reject(new PaperclubError('storage_unavailable', `${bench} has no digest scheduler`));
  return { schedule: refuse, cancel: refuse, nextRun: async () => null };
}
