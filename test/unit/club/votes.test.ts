import { describe, expect, it } from 'vitest';
import { checkVote, tallyVotes, topVoted } from '../../../src/club/votes.ts';
import { vote } from './fixtures.ts';

describe('tallyVotes', () => {
  it('counts one line per paper, most votes first, voters in voting order', () => {
    const tallies = tallyVotes([vote('b', 'u2', 5), vote('a', 'u1', 1), vote('b', 'u1', 3), vote('c', 'u3', 2)]);
    expect(tallies.map((t) => [t.paperId, t.votes, t.voters])).toEqual([
      ['b', 2, ['u1', 'u2']],
      ['a', 1, ['u1']],
      ['c', 1, ['u3']],
    ]);
    expect(tallies[0]!.firstVoteAt).toBe(vote('b', 'u1', 3).votedAt);
  });

  it('breaks a tie by the earliest vote still standing, then by paper id', () => {
    // x and y have two votes each; y's first vote came first.
    const votes = [vote('x', 'u1', 2), vote('y', 'u2', 1), vote('x', 'u3', 3), vote('y', 'u4', 9)];
    expect(tallyVotes(votes).map((t) => t.paperId)).toEqual(['y', 'x']);
    // When y's early vote is withdrawn, x leads the tie.
    expect(tallyVotes([vote('x', 'u1', 2), vote('x', 'u3', 3), vote('y', 'u4', 9), vote('y', 'u5', 10)]).map((t) => t.paperId)).toEqual(['x', 'y']);
    // Same instant: the id decides, so every reader agrees.
    expect(tallyVotes([vote('q', 'u1', 4), vote('p', 'u2', 4)]).map((t) => t.paperId)).toEqual(['p', 'q']);
  });

  it('is empty without votes', () => {
    expect(tallyVotes([])).toEqual([]);
    expect(topVoted([])).toBeNull();
  });
});

describe('topVoted', () => {
  it('skips excluded papers', () => {
    const tallies = tallyVotes([vote('a', 'u1', 1), vote('a', 'u2', 2), vote('b', 'u1', 3)]);
    expect(topVoted(tallies)?.paperId).toBe('a');
    expect(topVoted(tallies, new Set(['a']))?.paperId).toBe('b');
    expect(topVoted(tallies, new Set(['a', 'b']))).toBeNull();
  });
});

describe('checkVote', () => {
  it('refuses a vote for the paper already chosen', () => {
    expect(checkVote('a', 'a')).toEqual({ reason: 'current_paper' });
    expect(checkVote('b', 'a')).toBeNull();
    expect(checkVote('b', null)).toBeNull();
  });
});
