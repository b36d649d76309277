/**
 * Presenter rotation: who presented how often (from the archive), and whom to ask when nobody
 * volunteered. The suggestion is the active member who presented least, then longest ago (never
 * counts as longest ago), then who joined the club first, then by id, so it is fair and stable.
 * "Active" means seen in the club (voted, volunteered, asked, presented) within ACTIVE_DAYS, so a
 * member who left is not asked forever.
 */
import type { ArchivedSession, ClubMember, Member } from './types.ts';

export const ACTIVE_DAYS = 120;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PresenterCount {
  member: Member;
  count: number;
  lastPresentedAt: string;
}

/** Members who presented, most sessions first (then most recent). Names are the latest given. */
export function presenterCounts(archive: readonly ArchivedSession[]): PresenterCount[] {
  const counts = new Map<string, PresenterCount>();
  const chronological = [...archive].sort((a, b) => Date.parse(a.heldAt) - Date.parse(b.heldAt) || a.number - b.number);
  for (const session of chronological) {
    const presenter = session.presenter;
    if (!presenter) continue;
    const known = counts.get(presenter.id);
    const member = presenter.name === undefined && known ? known.member : presenter;
    counts.set(presenter.id, { member, count: (known?.count ?? 0) + 1, lastPresentedAt: session.heldAt });
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || Date.parse(b.lastPresentedAt) - Date.parse(a.lastPresentedAt) || a.member.id.localeCompare(b.member.id),
  );
}

export interface SuggestionInput {
  members: readonly ClubMember[];
  archive: readonly ArchivedSession[];
  now: Date;
  /** Members not to suggest (e.g. someone who already presents another session soon). */
  exclude?: ReadonlySet<string>;
  activeDays?: number;
}

export function suggestPresenter(input: SuggestionInput): ClubMember | null {
  const since = input.now.getTime() - (input.activeDays ?? ACTIVE_DAYS) * DAY_MS;
  const counts = new Map(presenterCounts(input.archive).map((p) => [p.member.id, p]));
  const candidates = input.members.filter((m) => Date.parse(m.lastSeen) >= since && !input.exclude?.has(m.id));
  const last = (m: ClubMember) => {
    const at = counts.get(m.id)?.lastPresentedAt;
    return at === undefined ? Number.NEGATIVE_INFINITY : Date.parse(at);
  };
  candidates.sort(
    (a, b) =>
      (counts.get(a.id)?.count ?? 0) - (counts.get(b.id)?.count ?? 0) ||
      last(a) - last(b) ||
      Date.parse(a.firstSeen) - Date.parse(b.firstSeen) ||
      a.id.localeCompare(b.id),
  );
  return candidates[0] ?? null;
}
