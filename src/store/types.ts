/**
 * Channel state, keyed by platform + workspace/guild + channel. Backed by Redis (src/store/redis/*);
 * commands and jobs only see these interfaces.
 */
import type { ChannelAddress } from '../channel-address.ts';
import type { ClaimOutcome } from '../club/claims.ts';
import type { ClubSchedule } from '../club/schedule.ts';
import type { ClubSnapshot, DonePlan, PromotionPlan } from '../club/session.ts';
import type { Announcement, ArchivedSession, Claim, ClubMember, Member, Question, Vote } from '../club/types.ts';
import type { NewQuestion } from '../club/questions.ts';
import type { DigestSchedule } from '../ports.ts';

export interface TopicStore {
  /** The channel's topics, in the order they were added (the raw text the user typed, validated). */
  listTopics(channel: ChannelAddress): Promise<string[]>;
  /** Returns false when the topic was already tracked. */
  addTopic(channel: ChannelAddress, topic: string): Promise<boolean>;
  /** Returns false when the topic was not tracked. */
  removeTopic(channel: ChannelAddress, topic: string): Promise<boolean>;
  /** Every channel that tracks at least one topic, with its topics. */
  allTopics(): Promise<Array<{ channel: ChannelAddress; topics: string[] }>>;
}

export interface ClubQueueEntry {
  paperId: string;
  addedAt: string;
  addedBy?: string;
}

export interface ClubFinishedEntry {
  paperId: string;
  finishedAt: string;
}

export interface ClubStore {
  /**
   * The reading queue, head first. A channel that never had a queue starts from `initial`
   * (the numbered seed list); the store persists it on first use.
   */
  queue(channel: ChannelAddress, initial: readonly string[]): Promise<ClubQueueEntry[]>;
  /** Appends; returns false when the paper is already queued. */
  enqueue(channel: ChannelAddress, paperId: string, addedBy: string | undefined, initial: readonly string[]): Promise<boolean>;
  /** Moves the head to the finished list and returns it, or null when the queue is empty. */
  finishHead(channel: ChannelAddress, initial: readonly string[], at: Date): Promise<ClubQueueEntry | null>;
  /** Finished papers, most recent first; `since` filters by finish time. */
  finished(channel: ChannelAddress, since?: Date): Promise<ClubFinishedEntry[]>;
  /**
   * Moves a queued paper to a 1-based position (past the end means last; position 1 makes it the
   * club's current paper). Null when the paper is not queued.
   */
  moveInQueue(channel: ChannelAddress, paperId: string, position: number, initial: readonly string[]): Promise<{ from: number; to: number } | null>;
  /** Takes a paper off the queue, with the claims and votes on it. False when it was not queued. */
  removeFromQueue(channel: ChannelAddress, paperId: string, initial: readonly string[]): Promise<boolean>;
}

/** When the club meets (`club schedule|skip|unschedule`); not the digest's schedule. */
export interface ClubScheduleStore {
  getClubSchedule(channel: ChannelAddress): Promise<ClubSchedule | null>;
  setClubSchedule(channel: ChannelAddress, schedule: ClubSchedule): Promise<void>;
  /** Removes the schedule and its skipped dates; false when there was none. */
  clearClubSchedule(channel: ChannelAddress): Promise<boolean>;
  allClubSchedules(): Promise<Array<{ channel: ChannelAddress; schedule: ClubSchedule }>>;
  /**
   * Skips a session date (YYYY-MM-DD, validated by parseSkipDate). Dates before `today` are pruned
   * first; at most SCHEDULE_LIMITS.skips are kept.
   */
  skipSession(channel: ChannelAddress, date: string, today: string): Promise<'skipped' | 'already' | 'too_many'>;
  unskipSession(channel: ChannelAddress, date: string): Promise<boolean>;
  skippedSessions(channel: ChannelAddress): Promise<string[]>;
}

/** Votes of the current round (since the last session); cleared when a session is marked done. */
export interface ClubVoteStore {
  /** One vote per member per paper: false when this member already voted for it. */
  vote(channel: ChannelAddress, paperId: string, member: Member, at: Date): Promise<boolean>;
  /** False when the member had not voted for it. */
  unvote(channel: ChannelAddress, paperId: string, memberId: string): Promise<boolean>;
  votes(channel: ChannelAddress): Promise<Vote[]>;
}

export interface ClubClaimStore {
  /** One member per paper, MAX_CLAIMS_PER_MEMBER per member (see src/club/claims.ts). */
  claim(channel: ChannelAddress, paperId: string, member: Member, at: Date): Promise<ClaimOutcome>;
  /** Drops the claim on a paper when `memberId` holds it (null: whoever holds it, for admins). */
  unclaim(channel: ChannelAddress, paperId: string, memberId: string | null): Promise<Claim | null>;
  claims(channel: ChannelAddress): Promise<Claim[]>;
}

export type AddQuestionOutcome =
  | { kind: 'added'; question: Question }
  | { kind: 'duplicate' }
  | { kind: 'full' }
  | { kind: 'session_over' };

export interface ClubQuestionStore {
  /**
   * Collects a question for the current session. With `sessionNumber` (a thread reply) it is refused
   * as `session_over` when that session is no longer current; a `sourceId` already seen is a
   * `duplicate`; past MAX_QUESTIONS_PER_SESSION it is `full`.
   */
  addQuestion(channel: ChannelAddress, question: NewQuestion, options?: { sessionNumber?: number }): Promise<AddQuestionOutcome>;
  questions(channel: ChannelAddress): Promise<Question[]>;
}

/** The current session, its announcements, marking it done, and the archive. */
export interface ClubSessionStore {
  /** Everything the session rules read, in one atomic read (seeding the queue like `queue`). */
  clubSnapshot(channel: ChannelAddress, initial: readonly string[]): Promise<ClubSnapshot>;
  /** Applies a planned done session unless the club changed since `snapshot.version`: false then. */
  applyDone(channel: ChannelAddress, plan: DonePlan, expectedVersion: number): Promise<boolean>;
  /**
   * Makes a paper current in a club that has none (planPromotion) unless the club changed since
   * `expectedVersion`: false then. The votes for that paper are spent.
   */
  applyPromotion(channel: ChannelAddress, plan: PromotionPlan, at: Date, expectedVersion: number): Promise<boolean>;
  /** Announce once: true for exactly one caller per scheduled session time. */
  claimAnnouncement(channel: ChannelAddress, sessionAt: Date): Promise<boolean>;
  /** Gives the claim back when the announcement could not be posted at all. */
  releaseAnnouncement(channel: ChannelAddress, sessionAt: Date): Promise<void>;
  /**
   * Records a posted announcement on session `sessionNumber` and maps its thread to it. False when
   * that session is no longer current (it was marked done meanwhile); the thread is mapped anyway.
   */
  recordAnnouncement(channel: ChannelAddress, sessionNumber: number, announcement: Announcement): Promise<boolean>;
  /** The session a discussion thread belongs to, or null for a thread the club did not open. */
  sessionForThread(channel: ChannelAddress, threadId: string): Promise<number | null>;
  /** Sessions marked done, most recent first. */
  archivedSessions(channel: ChannelAddress): Promise<ArchivedSession[]>;
  /** Everyone seen in the club, for the presenter suggestion. */
  clubMembers(channel: ChannelAddress): Promise<ClubMember[]>;
}

/** The secret part of a channel's calendar feed URL. */
export interface CalendarTokenStore {
  /** The channel's token; `fresh` becomes it when the channel has none yet. */
  calendarToken(channel: ChannelAddress, fresh: string): Promise<string>;
  /** Replaces the token: the old URL stops working at once. */
  rotateCalendarToken(channel: ChannelAddress, fresh: string): Promise<void>;
  channelForCalendarToken(token: string): Promise<ChannelAddress | null>;
}

export interface ScheduleStore {
  getSchedule(channel: ChannelAddress): Promise<DigestSchedule | null>;
  setSchedule(channel: ChannelAddress, schedule: DigestSchedule): Promise<void>;
  clearSchedule(channel: ChannelAddress): Promise<boolean>;
  allSchedules(): Promise<Array<{ channel: ChannelAddress; schedule: DigestSchedule }>>;
}

/** One alert that was delivered to a channel, remembered for the next digest. */
export interface DeliveredAlert {
  arxivId: string;
  title: string;
  topic: string;
  deliveredAt: string;
}

/**
 * What was delivered, for the digest. Which papers a channel has taken (claims) and still has to post
 * belongs to the delivery module (jobs/delivery/alert-outbox.ts), which owns the guarantee end to end.
 */
export interface AlertStore {
  recordDelivered(channel: ChannelAddress, alert: DeliveredAlert): Promise<void>;
  /** Alerts delivered since the given time (for the digest). */
  deliveredSince(channel: ChannelAddress, since: Date): Promise<DeliveredAlert[]>;
  lastDigestAt(channel: ChannelAddress): Promise<Date | null>;
  setLastDigestAt(channel: ChannelAddress, at: Date): Promise<void>;
}

export interface FeedPollStatus {
  category: string;
  checkedAt: string;
  /** 'ok' with items, 'not_modified' (304), 'empty' (expected on weekends), 'stale' or 'error'. */
  outcome: 'ok' | 'not_modified' | 'empty' | 'stale' | 'error';
  items: number;
  detail?: string;
}

export interface ChannelHealth {
  /** Set when a permanent error stopped deliveries (channel gone, bot removed). */
  blockedReason: string | null;
  blockedAt: string | null;
}

export interface StatusStore {
  recordPoll(status: FeedPollStatus): Promise<void>;
  lastPolls(): Promise<FeedPollStatus[]>;
  /** Drops the results of feeds no longer polled (a `cat:` topic was removed), so status shows only live feeds. */
  forgetPollsExcept(categories: readonly string[]): Promise<void>;
  channelHealth(channel: ChannelAddress): Promise<ChannelHealth>;
  blockChannel(channel: ChannelAddress, reason: string, at: Date): Promise<void>;
  unblockChannel(channel: ChannelAddress): Promise<void>;
}

/** The club's week (issue 10): schedule, votes, claims, questions, sessions and archive, calendar. */
export interface ClubSessionsStore extends ClubScheduleStore, ClubVoteStore, ClubClaimStore, ClubQuestionStore, ClubSessionStore, CalendarTokenStore {}

export interface Store extends TopicStore, ClubStore, ScheduleStore, AlertStore, StatusStore, ClubSessionsStore {
  close(): Promise<void>;
}
