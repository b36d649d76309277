/**
 * The club's records, shared by the rules in src/club/ and the Redis store. Members are platform user
 * ids (unique within the channel's workspace); names are the display names the platform gave, kept
 * only to print, never to identify.
 */

export interface Member {
  id: string;
  name?: string;
}

/** One member's vote for one paper in the current round (votes since the last session). */
export interface Vote {
  paperId: string;
  memberId: string;
  votedAt: string;
}

/** A member's promise to present a paper: the current one (volunteering) or a later one (claiming). */
export interface Claim {
  paperId: string;
  member: Member;
  claimedAt: string;
}

export interface Question {
  /** Unique within the channel. */
  id: string;
  member: Member;
  text: string;
  askedAt: string;
  source: 'command' | 'thread';
  /** The thread reply's message id, so a redelivered event is not collected twice. */
  sourceId?: string;
}

/** A posted announcement of the current session, and the thread its discussion happens in. */
export interface Announcement {
  /** The scheduled session it announced (ISO instant). */
  sessionAt: string;
  postedAt: string;
  messageId: string;
  /** Slack: the announcement's ts (replies go under it); Discord: the thread channel's id. */
  threadId: string | null;
}

/** How a session's paper came to be the club's current paper. */
export type ChosenBy = 'claim' | 'vote' | 'queue' | 'admin';

/** What the store keeps about the session that has not happened yet (its paper is the queue's head). */
export interface CurrentSessionRecord {
  /** 1 for the club's first session, then one more per session marked done. */
  number: number;
  /** When this session became current (the previous one was marked done), or null for the first. */
  startedAt: string | null;
  /** The paper chosen when it became current; the admin may since have moved another to the head. */
  paperId: string | null;
  chosenBy: ChosenBy;
  /** Votes the paper had when it was chosen by vote. */
  chosenVotes: number;
  announcements: Announcement[];
}

export interface VoteTally {
  paperId: string;
  votes: number;
  /** Voters in the order they voted. */
  voters: string[];
  /** The earliest vote still standing for this paper (the tie-break). */
  firstVoteAt: string;
}

/** A session marked done: what the club read, who presented, what was asked, where the notes are. */
export interface ArchivedSession {
  number: number;
  paperId: string;
  presenter: Member | null;
  /** When the session took place: the last announced session time that had begun, else when it was marked done. */
  heldAt: string;
  doneAt: string;
  doneBy: Member;
  chosenBy: ChosenBy;
  chosenVotes: number;
  /** The round's vote standings when the session was marked done (they chose the next paper). */
  votes: VoteTally[];
  questions: Question[];
  notesUrl: string | null;
  recordingUrl: string | null;
  announcements: Announcement[];
}

/** A member seen in the club (voted, volunteered, asked, presented): the presenter suggestion's pool. */
export interface ClubMember extends Member {
  firstSeen: string;
  lastSeen: string;
}
