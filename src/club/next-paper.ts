/**
 * The next-paper rule, applied when a session is marked done: a paper someone claimed to present
 * (earliest claim first), else the top-voted paper of the round (ties: earliest vote), else the head of
 * the reading queue. The paper just read is never next. Pure: the store applies the choice atomically.
 */
import { pendingClaims } from './claims.ts';
import type { Claim, ChosenBy, Member, VoteTally } from './types.ts';
import { topVoted } from './votes.ts';

export interface NextPaperInput {
  /** The paper the session that is ending read; null when the club has no current paper to finish. */
  donePaperId: string | null;
  claims: readonly Claim[];
  tallies: readonly VoteTally[];
  /** The reading queue, head first (the done paper may still be in it). */
  queue: readonly string[];
}

export interface NextPaper {
  paperId: string;
  chosenBy: Exclude<ChosenBy, 'admin'>;
  /** The member who claimed it: the next session's presenter. */
  presenter: Member | null;
  /** Votes it had, when chosen by vote. */
  votes: number;
}

export function chooseNextPaper(input: NextPaperInput): NextPaper | null {
  const claim = pendingClaims(input.claims, input.donePaperId)[0];
  if (claim) return { paperId: claim.paperId, chosenBy: 'claim', presenter: claim.member, votes: 0 };
  const top = topVoted(input.tallies, new Set(input.donePaperId === null ? [] : [input.donePaperId]));
  if (top) return { paperId: top.paperId, chosenBy: 'vote', presenter: null, votes: top.votes };
  const head = input.queue.find((id) => id !== input.donePaperId);
  return head === undefined ? null : { paperId: head, chosenBy: 'queue', presenter: null, votes: 0 };
}
