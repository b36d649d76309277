/**
 * Who presents what. A claim ties one member to one paper: a claim on the club's current paper means
 * that member presents this session (`club present`); a claim on another paper is a promise to present
 * it, and makes it the next paper when this session is done (earliest claim first). One member per
 * paper; a member holds at most MAX_CLAIMS_PER_MEMBER claims, so nobody can reserve the reading list.
 */
import type { Claim, Member } from './types.ts';

export const MAX_CLAIMS_PER_MEMBER = 3;

/** What the store answers to a claim. */
export type ClaimOutcome =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'already_yours'; claim: Claim }
  | { kind: 'taken'; claim: Claim }
  | { kind: 'too_many'; claims: Claim[] };

/** The member presenting the current session, if someone volunteered. */
export function presenterOf(claims: readonly Claim[], currentPaperId: string | null): Member | null {
  if (currentPaperId === null) return null;
  return claims.find((c) => c.paperId === currentPaperId)?.member ?? null;
}

function byClaimTime(a: Claim, b: Claim): number {
  return Date.parse(a.claimedAt) - Date.parse(b.claimedAt) || (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0);
}

/** Claims on papers after the current one, earliest first: the order they become the club's paper. */
export function pendingClaims(claims: readonly Claim[], currentPaperId: string | null): Claim[] {
  return claims.filter((c) => c.paperId !== currentPaperId).sort(byClaimTime);
}

export type UnclaimTarget =
  | { ok: true; paperId: string }
  | { ok: false; reason: 'none' }
  | { ok: false; reason: 'not_yours'; claim: Claim | null }
  | { ok: false; reason: 'ambiguous'; claims: Claim[] };

/**
 * Which claim `club unclaim [<paper>]` drops. Without a paper it is the member's only claim; a member
 * with several is asked to name one (listing them), rather than losing a presentation by surprise.
 */
export function unclaimTarget(claims: readonly Claim[], memberId: string, paperId?: string): UnclaimTarget {
  const mine = claims.filter((c) => c.member.id === memberId).sort(byClaimTime);
  if (paperId !== undefined) {
    const claim = claims.find((c) => c.paperId === paperId) ?? null;
    return claim && claim.member.id === memberId ? { ok: true, paperId } : { ok: false, reason: 'not_yours', claim };
  }
  if (mine.length === 0) return { ok: false, reason: 'none' };
  if (mine.length > 1) return { ok: false, reason: 'ambiguous', claims: mine };
  return { ok: true, paperId: mine[0]!.paperId };
}
