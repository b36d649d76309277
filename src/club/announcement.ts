/**
 * What a session's announcement says, decided from the current session: the paper, the presenter or
 * (when nobody volunteered) the member the rotation suggests, and whether the club is carrying the
 * paper over from an earlier date. Rendering it is the message layer's job; posting it once is the
 * store's claim (claimAnnouncement) and the announcement job's.
 */
import { pendingClaims } from './claims.ts';
import { suggestPresenter } from './presenters.ts';
import type { SessionView } from './session.ts';
import type { ArchivedSession, Claim, ClubMember, Member } from './types.ts';

export interface AnnouncementPlan {
  sessionNumber: number;
  sessionAt: Date;
  /** Null when there is nothing to read: the announcement asks for votes or `club add` instead. */
  paperId: string | null;
  presenter: Member | null;
  /** Only when there is no presenter. */
  suggestedPresenter: ClubMember | null;
  /** The session was announced before for an earlier date and not marked done since. */
  carriedOver: boolean;
  openQuestions: number;
}

export interface AnnouncementInput {
  view: SessionView;
  sessionAt: Date;
  claims: readonly Claim[];
  members: readonly ClubMember[];
  archive: readonly ArchivedSession[];
  now: Date;
}

export function planAnnouncement(input: AnnouncementInput): AnnouncementPlan {
  const { view } = input;
  // Members who already promised to present a later paper are not asked for this one too.
  const busy = new Set(pendingClaims(input.claims, view.paperId).map((c) => c.member.id));
  const suggested =
    view.presenter === null && view.paperId !== null
      ? suggestPresenter({ members: input.members, archive: input.archive, now: input.now, exclude: busy })
      : null;
  return {
    sessionNumber: view.number,
    sessionAt: input.sessionAt,
    paperId: view.paperId,
    presenter: view.presenter,
    suggestedPresenter: suggested,
    carriedOver: view.announcements.some((a) => Date.parse(a.sessionAt) < input.sessionAt.getTime()),
    openQuestions: view.questions.length,
  };
}
