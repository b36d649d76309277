/**
 * Choosing the next paper by vote. A round runs from one session to the next (votes are archived and
 * cleared when a session is marked done); each member has one vote per paper and may vote for several
 * papers. Standings rank by votes, then by the earliest vote still standing, then by paper id, so the
 * order is total and every reader (the `votes` list, the digest, the next-paper rule) agrees.
 */
import type { Vote, VoteTally } from './types.ts';

export function tallyVotes(votes: readonly Vote[]): VoteTally[] {
  const byPaper = new Map<string, Vote[]>();
  for (const vote of votes) {
    const list = byPaper.get(vote.paperId);
    if (list) list.push(vote);
    else byPaper.set(vote.paperId, [vote]);
  }
  const tallies: VoteTally[] = [];
  for (const [paperId, list] of byPaper) {
    const ordered = [...list].sort((a, b) => compareTime(a.votedAt, b.votedAt) || a.memberId.localeCompare(b.memberId));
    tallies.push({ paperId, votes: ordered.length, voters: ordered.map((v) => v.memberId), firstVoteAt: ordered[0]!.votedAt });
  }
  return tallies.sort(compareTallies);
}

export function compareTallies(a: VoteTally, b: VoteTally): number {
  return b.votes - a.votes || compareTime(a.firstVoteAt, b.firstVoteAt) || (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0);
}

function compareTime(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

/** The leading paper, leaving out papers that cannot be next (the one just read). */
export function topVoted(tallies: readonly VoteTally[], exclude: ReadonlySet<string> = new Set()): VoteTally | null {
  return [...tallies].sort(compareTallies).find((t) => !exclude.has(t.paperId)) ?? null;
}

export type VoteRefusal = { reason: 'current_paper' };

/** Votes choose a later paper: the club's current paper is already chosen. */
export function checkVote(paperId: string, currentPaperId: string | null): VoteRefusal | null {
  return paperId === currentPaperId ? { reason: 'current_paper' } : null;
}
