/**
 * What the club commands share: who the actor is as a club member, the current session in one read,
 * how papers and members are named, and the announcement planner (refusing cleanly without one).
 */
import type { ClubSchedule } from '../../club/schedule.ts';
import { formatSessionTime } from '../../club/schedule.ts';
import { loadSession, type LoadedSession } from '../../club/service.ts';
import type { Member } from '../../club/types.ts';
import { PaperclubError } from '../../errors.ts';
import type { PaperEntry } from '../../library/types.ts';
import type { ClubAnnouncements } from '../../ports.ts';
import { clip } from '../../text/clip.ts';
import { initialQueue } from '../papers.ts';
import type { Actor, CommandContext, CommandServices } from '../types.ts';
import { queuedTitle } from './queue-text.ts';

/** The actor as the club records them: the platform's user id and the display name it gave. */
export function memberOf(actor: Actor): Member {
  return { id: actor.id, ...(actor.name ? { name: actor.name } : {}) };
}

/** How a member is named in the club's messages: the display name, never a mention (no pings). */
export function memberName(member: Member): string {
  return clip(member.name ?? member.id, 80);
}

/** The current session, its votes, claims and questions, in one atomic read. */
export function clubSession(ctx: CommandContext): Promise<LoadedSession> {
  return loadSession(ctx.services.store, ctx.channel, initialQueue(ctx.services));
}

/** A paper's title and id (or the bare id of a paper the library no longer has). */
export function paperTitle(services: CommandServices, paperId: string): string {
  return queuedTitle(services, paperId);
}

/** The short name of a paper for a button label: its a.k.a., else its title. */
export function paperShortName(entry: PaperEntry | undefined, paperId: string, max = 30): string {
  return clip(entry ? (entry.aka[0] ?? entry.title) : paperId, max);
}

export function whenText(at: Date, schedule: ClubSchedule): string {
  return formatSessionTime(at, schedule.timeZone);
}

/** The planner of announcement jobs, or a clear refusal before anything is written. */
export function requireAnnouncements(ctx: CommandContext): ClubAnnouncements {
  const planner = ctx.services.announcements;
  if (!planner) {
    throw new PaperclubError('storage_unavailable', 'Club sessions are announced by the job runner, which needs Redis and is not running here.');
  }
  return planner;
}
