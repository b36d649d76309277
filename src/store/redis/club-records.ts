/**
 * Reading the club's stored JSON back. Every record is validated: a value that does not parse (hand
 * edited, written by an older version) is skipped, or for the current session replaced by a fresh
 * first session, rather than crashing every club command of that channel.
 */
import * as z from 'zod';
import { isSessionDate, SCHEDULE_LIMITS, type ClubSchedule } from '../../club/schedule.ts';
import { firstSessionRecord } from '../../club/session.ts';
import type { ArchivedSession, Claim, ClubMember, CurrentSessionRecord, Question, Vote } from '../../club/types.ts';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');
const member = z.object({ id: z.string().min(1), name: z.string().optional() });
const chosenBy = z.enum(['claim', 'vote', 'queue', 'admin']);

const announcement = z.object({
  sessionAt: iso,
  postedAt: iso,
  messageId: z.string(),
  threadId: z.string().nullable(),
});

const question = z.object({
  id: z.string(),
  member,
  text: z.string(),
  askedAt: iso,
  source: z.enum(['command', 'thread']),
  sourceId: z.string().optional(),
});

const claim = z.object({ paperId: z.string().min(1), member, claimedAt: iso });

const current = z.object({
  number: z.number().int().min(1),
  startedAt: iso.nullable(),
  paperId: z.string().nullable(),
  chosenBy,
  chosenVotes: z.number().int().min(0),
  announcements: z.array(announcement),
});

const tally = z.object({ paperId: z.string(), votes: z.number().int(), voters: z.array(z.string()), firstVoteAt: iso });

const archived = z.object({
  number: z.number().int().min(1),
  paperId: z.string().min(1),
  presenter: member.nullable(),
  heldAt: iso,
  doneAt: iso,
  doneBy: member,
  chosenBy,
  chosenVotes: z.number().int().min(0),
  votes: z.array(tally),
  questions: z.array(question),
  notesUrl: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  announcements: z.array(announcement),
});

const clubMember = member.extend({ firstSeen: iso, lastSeen: iso });

const int = (limits: { min: number; max: number }) => z.number().int().min(limits.min).max(limits.max);

export const clubScheduleSchema = z
  .object({
    weekday: z.number().int().min(0).max(6),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59),
    timeZone: z.string().min(1),
    everyWeeks: int(SCHEDULE_LIMITS.everyWeeks),
    anchorDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    announceLeadHours: int(SCHEDULE_LIMITS.announceLeadHours),
    durationMinutes: int(SCHEDULE_LIMITS.durationMinutes),
  })
  .refine((s) => isSessionDate(s, s.anchorDate), 'the anchor date is not on the schedule weekday')
  .refine((s) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: s.timeZone });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone');

function parseWith<T>(schema: z.ZodType<T>, json: string | null | undefined): T | null {
  if (json === null || json === undefined || json === '') return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const parseClubSchedule = (json: string | null | undefined): ClubSchedule | null => parseWith(clubScheduleSchema, json);
export const parseCurrent = (json: string | null | undefined): CurrentSessionRecord => parseWith(current, json) ?? firstSessionRecord();
export const parseClaim = (json: string | null | undefined): Claim | null => parseWith(claim, json);
export const parseQuestion = (json: string | null | undefined): Question | null => parseWith(question, json);
export const parseArchived = (json: string | null | undefined): ArchivedSession | null => parseWith(archived, json);
export const parseMember = (json: string | null | undefined): ClubMember | null => parseWith(clubMember, json);

/** Votes are sorted-set members `["<paperId>","<memberId>"]` scored by the vote's time in ms. */
export function voteMember(paperId: string, memberId: string): string {
  return JSON.stringify([paperId, memberId]);
}

export function parseVote(memberText: string, score: string): Vote | null {
  try {
    const value: unknown = JSON.parse(memberText);
    const ms = Number(score);
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'string') || !Number.isFinite(ms)) return null;
    return { paperId: value[0] as string, memberId: value[1] as string, votedAt: new Date(ms).toISOString() };
  } catch {
    return null;
  }
}

/** A member as JSON for the scripts that note who was seen: no `name` key when there is none. */
export function memberJson(m: { id: string; name?: string | undefined }): string {
  return JSON.stringify(m.name === undefined || m.name === '' ? { id: m.id } : { id: m.id, name: m.name });
}
