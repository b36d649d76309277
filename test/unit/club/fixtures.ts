/** Hand-built club records for the pure rules' tests. */
import { firstSessionRecord, type ClubSnapshot } from '../../../src/club/session.ts';
import type { ArchivedSession, Claim, ClubMember, Vote } from '../../../src/club/types.ts';

export const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 12, minute)).toISOString();

export const vote = (paperId: string, memberId: string, minute: number): Vote => ({ paperId, memberId, votedAt: at(minute) });

export const claim = (paperId: string, memberId: string, minute: number, name?: string): Claim => ({
  paperId,
  member: name === undefined ? { id: memberId } : { id: memberId, name },
  claimedAt: at(minute),
});

export const member = (id: string, firstSeen: string, lastSeen: string, name?: string): ClubMember => ({
  id,
  ...(name === undefined ? {} : { name }),
  firstSeen,
  lastSeen,
});

export function snapshot(overrides: Partial<ClubSnapshot> = {}): ClubSnapshot {
  return { version: 7, current: firstSessionRecord(), queue: [], claims: [], votes: [], questions: [], ...overrides };
}

export function archived(number: number, paperId: string, presenter: string | null, heldAt: string, extra: Partial<ArchivedSession> = {}): ArchivedSession {
  return {
    number,
    paperId,
    presenter: presenter === null ? null : { id: presenter },
    heldAt,
    doneAt: heldAt,
    doneBy: { id: 'admin' },
    chosenBy: 'queue',
    chosenVotes: 0,
    votes: [],
    questions: [],
    notesUrl: null,
    recordingUrl: null,
    announcements: [],
    ...extra,
  };
}
