import { describe, expect, it } from 'vitest';
import { chooseNextPaper } from '../../../src/club/next-paper.ts';
import { tallyVotes } from '../../../src/club/votes.ts';
import { claim, vote } from './fixtures.ts';

describe('chooseNextPaper', () => {
  const queue = ['done', 'q2', 'q3'];
  const tallies = tallyVotes([vote('v1', 'u1', 1), vote('v2', 'u2', 2), vote('v2', 'u3', 3)]);

  it('takes a claimed paper first (earliest claim), with its presenter', () => {
    const claims = [claim('c2', 'u5', 8), claim('c1', 'u4', 6, 'Ana')];
    expect(chooseNextPaper({ donePaperId: 'done', claims, tallies, queue })).toEqual({
      paperId: 'c1',
      chosenBy: 'claim',
      presenter: { id: 'u4', name: 'Ana' },
      votes: 0,
    });
  });

  it('ignores the claim on the paper just read (that was its presenter)', () => {
    const claims = [claim('done', 'u1', 1)];
    expect(chooseNextPaper({ donePaperId: 'done', claims, tallies, queue })?.paperId).toBe('v2');
  });

  it('else takes the top-voted paper, ties going to the earliest vote', () => {
    expect(chooseNextPaper({ donePaperId: 'done', claims: [], tallies, queue })).toEqual({ paperId: 'v2', chosenBy: 'vote', presenter: null, votes: 2 });
    const tied = tallyVotes([vote('late', 'u1', 5), vote('early', 'u2', 1)]);
    expect(chooseNextPaper({ donePaperId: 'done', claims: [], tallies: tied, queue })?.paperId).toBe('early');
  });

  it('never picks the paper just read, even when it has the most votes', () => {
    const votesForDone = tallyVotes([vote('done', 'u1', 1), vote('done', 'u2', 2), vote('v1', 'u3', 3)]);
    expect(chooseNextPaper({ donePaperId: 'done', claims: [], tallies: votesForDone, queue })?.paperId).toBe('v1');
  });

  it('else takes the head of the queue after the paper just read', () => {
    expect(chooseNextPaper({ donePaperId: 'done', claims: [], tallies: [], queue })).toEqual({ paperId: 'q2', chosenBy: 'queue', presenter: null, votes: 0 });
    expect(chooseNextPaper({ donePaperId: 'done', claims: [], tallies: [], queue: ['done'] })).toBeNull();
    expect(chooseNextPaper({ donePaperId: 'done', claims: [], tallies: [], queue: [] })).toBeNull();
    // With no paper to finish, every claim and vote counts.
    expect(chooseNextPaper({ donePaperId: null, claims: [], tallies, queue: [] })?.paperId).toBe('v2');
  });
});
