/**
 * The Store used when Redis is not running: every call rejects with `storage_unavailable`, which the
 * commands turn into a friendly answer, so search, show and cite keep working without Redis.
 */
import { PaperclubError } from '../errors.ts';
import type { Store } from './types.ts';

export type StoreMethod = Exclude<keyof Store, 'close'>;

/** Every Store method but close (a Record, so a method added to Store must be listed here). */
export const STORE_METHODS: Record<StoreMethod, true> = {
  listTopics: true,
  addTopic: true,
  removeTopic: true,
  allTopics: true,
  queue: true,
  enqueue: true,
  finishHead: true,
  finished: true,
  getSchedule: true,
  setSchedule: true,
  clearSchedule: true,
  allSchedules: true,
  recordDelivered: true,
  deliveredSince: true,
  lastDigestAt: true,
  setLastDigestAt: true,
  recordPoll: true,
  lastPolls: true,
  forgetPollsExcept: true,
  channelHealth: true,
  blockChannel: true,
  unblockChannel: true,
  moveInQueue: true,
  removeFromQueue: true,
  getClubSchedule: true,
  setClubSchedule: true,
  clearClubSchedule: true,
  allClubSchedules: true,
  skipSession: true,
  unskipSession: true,
  skippedSessions: true,
  vote: true,
  unvote: true,
  votes: true,
  claim: true,
  unclaim: true,
  claims: true,
  addQuestion: true,
  questions: true,
  clubSnapshot: true,
  applyDone: true,
  applyPromotion: true,
  claimAnnouncement: true,
  releaseAnnouncement: true,
  recordAnnouncement: true,
  sessionForThread: true,
  archivedSessions: true,
  clubMembers: true,
  calendarToken: true,
  rotateCalendarToken: true,
  channelForCalendarToken: true,
};

export function unavailableStore(reason: string): Store {
  const reject = (method: string) => () =>
    Promise.reject(new PaperclubError('storage_unavailable', `Channel settings need Redis, which is not running: ${reason}`, { method }));
  const methods = Object.fromEntries(Object.keys(STORE_METHODS).map((method) => [method, reject(method)]));
  return { ...(methods as unknown as Omit<Store, 'close'>), close: () => Promise.resolve() };
}
