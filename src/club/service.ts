/**
 * The club's operations that read and write the store: what commands and the announcement job call.
 * Each takes only the store interfaces it uses; the rules themselves are the pure modules beside it.
 */
import type { ChannelAddress } from '../channel-address.ts';
import type { PaperLookup } from '../search/resolve.ts';
import type { AddQuestionOutcome, CalendarTokenStore, ClubQuestionStore, ClubScheduleStore, ClubSessionStore } from '../store/types.ts';
import { isCalendarToken, newCalendarToken } from './calendar-token.ts';
import type { NextPaper } from './next-paper.ts';
import { planDone, planPromotion, viewSession, type ClubSnapshot, type DoneInput, type SessionView } from './session.ts';
import { threadReplyQuestion } from './questions.ts';
import type { ArchivedSession, Member } from './types.ts';

export interface LoadedSession {
  snapshot: ClubSnapshot;
  view: SessionView;
}

/** The current session as every command shows it (one atomic read). */
export async function loadSession(store: Pick<ClubSessionStore, 'clubSnapshot'>, channel: ChannelAddress, initial: readonly string[]): Promise<LoadedSession> {
  const snapshot = await store.clubSnapshot(channel, initial);
  return { snapshot, view: viewSession(snapshot) };
}

export type DoneOutcome =
  | { kind: 'done'; archived: ArchivedSession; next: NextPaper | null }
  | { kind: 'already_done'; currentNumber: number }
  | { kind: 'no_paper' };

/** Each failed apply means another change landed in between; this many in a row means something is wrong. */
const MAX_ATTEMPTS = 20;

/**
 * Marks the current session done: archives it and makes the next paper current, atomically. Without
 * `expectedNumber` the session current at the first read is the one marked done, so a retry after a
 * concurrent change can never finish the following session as well. A button should carry the number.
 */
export async function markSessionDone(
  store: Pick<ClubSessionStore, 'clubSnapshot' | 'applyDone'>,
  channel: ChannelAddress,
  initial: readonly string[],
  input: Omit<DoneInput, 'expectedNumber'> & { expectedNumber?: number },
): Promise<DoneOutcome> {
  let expectedNumber = input.expectedNumber;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const snapshot = await store.clubSnapshot(channel, initial);
    expectedNumber ??= snapshot.current.number;
    const planned = planDone(snapshot, { ...input, expectedNumber });
    if (!planned.ok) {
      return planned.refusal.reason === 'already_done'
        ? { kind: 'already_done', currentNumber: planned.refusal.currentNumber }
        : { kind: 'no_paper' };
    }
    if (await store.applyDone(channel, planned.plan, snapshot.version)) {
      return { kind: 'done', archived: planned.plan.archived, next: planned.plan.next };
    }
  }
  throw new Error(`club state of ${channel.platform}:${channel.channel} kept changing while marking session ${expectedNumber} done`);
}

/**
 * Gives a club that ran out of papers a current one by the next-paper rule (a claim, else the top
 * vote), so a claim or the votes are not stuck until a session is marked done. Null when the club has
 * a paper or nobody claimed or voted. The announcement job calls it before announcing, and so does
 * `club present <paper>` after a claim.
 */
export async function fillEmptySession(
  store: Pick<ClubSessionStore, 'clubSnapshot' | 'applyPromotion'>,
  channel: ChannelAddress,
  initial: readonly string[],
  now: Date,
): Promise<NextPaper | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const snapshot = await store.clubSnapshot(channel, initial);
    const plan = planPromotion(snapshot);
    if (plan === null) return null;
    if (await store.applyPromotion(channel, plan, now, snapshot.version)) return plan.next;
  }
  throw new Error(`club state of ${channel.platform}:${channel.channel} kept changing while choosing a paper`);
}

/** A member's reply in a discussion thread, as an adapter received it (Slack message event, Discord MESSAGE_CREATE). */
export interface ThreadReply {
  /** Slack: the announcement's ts (the reply's thread_ts); Discord: the thread channel's id. */
  threadId: string;
  /** The reply's own id, so a redelivered event is collected once. */
  messageId: string;
  member: Member;
  /** As the member wrote it (platform markup already decoded). */
  text: string;
  at: Date;
}

export type ThreadReplyOutcome = AddQuestionOutcome['kind'] | 'not_a_question' | 'not_a_club_thread';

/**
 * Collects a thread reply that asks something as a question for the session whose thread it is. The
 * cheap test comes first (is it a question?), then the store: a thread the club did not open, a session
 * already marked done, a reply seen before (`duplicate`) or a full session collect nothing.
 */
export async function collectThreadReply(
  store: Pick<ClubSessionStore, 'sessionForThread'> & Pick<ClubQuestionStore, 'addQuestion'>,
  channel: ChannelAddress,
  reply: ThreadReply,
): Promise<ThreadReplyOutcome> {
  const text = threadReplyQuestion(reply.text);
  if (text === null) return 'not_a_question';
  const sessionNumber = await store.sessionForThread(channel, reply.threadId);
  if (sessionNumber === null) return 'not_a_club_thread';
  const outcome = await store.addQuestion(
    channel,
    { member: reply.member, text, askedAt: reply.at.toISOString(), source: 'thread', sourceId: reply.messageId },
    { sessionNumber },
  );
  return outcome.kind;
}

/** The channel's calendar token, made on first use (`club calendar`). */
export function calendarToken(store: Pick<CalendarTokenStore, 'calendarToken'>, channel: ChannelAddress): Promise<string> {
  return store.calendarToken(channel, newCalendarToken());
}

/** A new token: the old feed URL stops working (for a link that leaked). */
export async function rotateCalendarToken(store: Pick<CalendarTokenStore, 'rotateCalendarToken'>, channel: ChannelAddress): Promise<string> {
  const token = newCalendarToken();
  await store.rotateCalendarToken(channel, token);
  return token;
}

export interface CalendarFeedDeps {
  store: Pick<CalendarTokenStore, 'channelForCalendarToken'> &
    Pick<ClubScheduleStore, 'getClubSchedule' | 'skippedSessions'> &
    Pick<ClubSessionStore, 'clubSnapshot' | 'archivedSessions'>;
  library: PaperLookup;
  /** The numbered seed list (a channel's queue starts from it). */
  initial: readonly string[];
}

/** The feed a token opens, or null for a token that is malformed, unknown or rotated away. */
export async function calendarFeed(deps: CalendarFeedDeps, token: string, now: Date): Promise<{ channel: ChannelAddress; body: string } | null> {
  if (!isCalendarToken(token)) return null;
  const channel = await deps.store.channelForCalendarToken(token);
  if (channel === null) return null;
  const [schedule, skipped, loaded, archive] = await Promise.all([
    deps.store.getClubSchedule(channel),
    deps.store.skippedSessions(channel),
    loadSession(deps.store, channel, deps.initial),
    deps.store.archivedSessions(channel),
  ]);
  // Loaded on the first feed request: nothing else needs ical-generator.
  const { renderClubCalendar } = await import('./calendar.ts');
  const body = renderClubCalendar({ channel, schedule, skipped: new Set(skipped), current: loaded.view, archive, library: deps.library, now });
  return { channel, body };
}
