/**
 * The club at a glance, for the weekly digest and `club next`: the next session's time (skipped dates
 * left out), its paper and presenter, the leading votes and the open questions. Pure: the caller reads
 * the store once (loadSession, schedule, skipped dates) and renders the result.
 */
import { nextSession, type ClubSchedule } from './schedule.ts';
import type { SessionView } from './session.ts';
import type { Member, VoteTally } from './types.ts';

export const SUMMARY_TOP_VOTES = 3;

export interface ClubSummary {
  sessionNumber: number;
  /** Null without a schedule. */
  nextSessionAt: Date | null;
  paperId: string | null;
  presenter: Member | null;
  /** There is a paper and nobody volunteered to present it. */
  needsPresenter: boolean;
  topVotes: VoteTally[];
  openQuestions: number;
}

export function clubSummary(input: { view: SessionView; schedule: ClubSchedule | null; skipped: ReadonlySet<string>; now: Date }): ClubSummary {
  const { view } = input;
  return {
    sessionNumber: view.number,
    nextSessionAt: input.schedule ? nextSession(input.schedule, input.now, input.skipped) : null,
    paperId: view.paperId,
    presenter: view.presenter,
    needsPresenter: view.paperId !== null && view.presenter === null,
    topVotes: view.tallies.slice(0, SUMMARY_TOP_VOTES),
    openQuestions: view.questions.length,
  };
}
