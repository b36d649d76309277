/**
 * Channel state, keyed by platform + workspace/guild + channel. Backed by Redis (src/store/redis/*);
 * commands and jobs only see these interfaces.
 */
import type { ChannelAddress } from '../channel-address.ts';
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

export interface Store extends TopicStore, ClubStore, ScheduleStore, AlertStore, StatusStore {
  close(): Promise<void>;
}
