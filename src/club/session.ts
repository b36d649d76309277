/**
 * The club's sessions. There is always one current session: its paper is the head of the reading
 * queue (so `club next`, `club list` and the digest keep meaning what they meant), its presenter is the
 * member who claimed that paper. It moves through
 *
 *   upcoming ──announce──▶ announced ──done──▶ done (archived)
 *       └───────────────done───────────────────▲
 *
 * An announced session that is not marked done before its date is announced again for the next
 * session date (the club did not get to it; its questions stay). Marking done archives it and makes
 * the next paper current (src/club/next-paper.ts). Pure: the store reads a snapshot and applies plans.
 */
import type { ParseResult } from '../channel-address.ts';
import { presenterOf } from './claims.ts';
import { chooseNextPaper, type NextPaper } from './next-paper.ts';
import type { Announcement, ArchivedSession, ChosenBy, Claim, CurrentSessionRecord, Member, Question, Vote, VoteTally } from './types.ts';
import { tallyVotes } from './votes.ts';

/** Everything the session rules read, taken in one atomic read of the store. */
export interface ClubSnapshot {
  /** Bumped by every change to the queue, claims, votes, questions or current session. */
  version: number;
  current: CurrentSessionRecord;
  /** The reading queue, head first (paper ids). */
  queue: string[];
  claims: Claim[];
  votes: Vote[];
  questions: Question[];
}

export type SessionState = 'upcoming' | 'announced' | 'done';

/** The record a club starts with, before its first session is marked done. */
export function firstSessionRecord(): CurrentSessionRecord {
  return { number: 1, startedAt: null, paperId: null, chosenBy: 'queue', chosenVotes: 0, announcements: [] };
}

/** What every club command and the announcement show about the current session. */
export interface SessionView {
  number: number;
  state: Exclude<SessionState, 'done'>;
  /** The queue's head, or null when there is nothing to read. */
  paperId: string | null;
  presenter: Member | null;
  chosenBy: ChosenBy;
  chosenVotes: number;
  /** The round's standings (since the last session). */
  tallies: VoteTally[];
  questions: Question[];
  announcements: Announcement[];
  startedAt: string | null;
}

export function sessionState(current: CurrentSessionRecord): Exclude<SessionState, 'done'> {
  return current.announcements.length > 0 ? 'announced' : 'upcoming';
}

export function viewSession(snapshot: ClubSnapshot): SessionView {
  const { current } = snapshot;
  const paperId = snapshot.queue[0] ?? null;
  // An admin who moved another paper to the head chose it, whatever chose the paper before.
  const sameChoice = current.paperId === null || current.paperId === paperId;
  return {
    number: current.number,
    state: sessionState(current),
    paperId,
    presenter: presenterOf(snapshot.claims, paperId),
    chosenBy: sameChoice ? current.chosenBy : 'admin',
    chosenVotes: sameChoice ? current.chosenVotes : 0,
    tallies: tallyVotes(snapshot.votes),
    questions: snapshot.questions,
    announcements: current.announcements,
    startedAt: current.startedAt,
  };
}

/**
 * The announced state: adds an announcement unless one for the same session time is there already
 * (a retried job), so announcing is idempotent.
 */
export function withAnnouncement(current: CurrentSessionRecord, announcement: Announcement): CurrentSessionRecord {
  if (current.announcements.some((a) => a.sessionAt === announcement.sessionAt)) return current;
  return { ...current, announcements: [...current.announcements, announcement] };
}

export interface DoneInput {
  /** The session number the admin marked done; another number means someone was faster. */
  expectedNumber: number;
  now: Date;
  doneBy: Member;
  notesUrl?: string | null;
  recordingUrl?: string | null;
}

export interface DonePlan {
  archived: ArchivedSession;
  /** The paper that becomes current, or null when nothing is left to read. */
  next: NextPaper | null;
  /** The new current session's record. */
  current: CurrentSessionRecord;
}

export type DoneRefusal = { reason: 'already_done'; currentNumber: number } | { reason: 'no_paper' };

/** Standings kept in the archive: enough to see what the club wanted, bounded for a busy round. */
export const ARCHIVED_TALLIES = 10;

/** When a session took place: the latest announced session time that has begun, else now. */
export function heldAt(current: CurrentSessionRecord, now: Date): string {
  const begun = current.announcements.map((a) => Date.parse(a.sessionAt)).filter((at) => at <= now.getTime());
  return begun.length > 0 ? new Date(Math.max(...begun)).toISOString() : now.toISOString();
}

/** Marks the current session done: the archive record, the next paper and the next session's record. */
export function planDone(snapshot: ClubSnapshot, input: DoneInput): { ok: true; plan: DonePlan } | { ok: false; refusal: DoneRefusal } {
  const view = viewSession(snapshot);
  if (view.number !== input.expectedNumber) return { ok: false, refusal: { reason: 'already_done', currentNumber: view.number } };
  if (view.paperId === null) return { ok: false, refusal: { reason: 'no_paper' } };
  const now = input.now.toISOString();
  const archived: ArchivedSession = {
    number: view.number,
    paperId: view.paperId,
    presenter: view.presenter,
    heldAt: heldAt(snapshot.current, input.now),
    doneAt: now,
    doneBy: input.doneBy,
    chosenBy: view.chosenBy,
    chosenVotes: view.chosenVotes,
    votes: view.tallies.slice(0, ARCHIVED_TALLIES),
    questions: snapshot.questions,
    notesUrl: input.notesUrl ?? null,
    recordingUrl: input.recordingUrl ?? null,
    announcements: snapshot.current.announcements,
  };
  const next = chooseNextPaper({ donePaperId: view.paperId, claims: snapshot.claims, tallies: view.tallies, queue: snapshot.queue });
  const current: CurrentSessionRecord = {
    number: view.number + 1,
    startedAt: now,
    paperId: next?.paperId ?? null,
    chosenBy: next?.chosenBy ?? 'queue',
    chosenVotes: next?.votes ?? 0,
    announcements: [],
  };
  return { ok: true, plan: { archived, next, current } };
}

export interface PromotionPlan {
  next: NextPaper;
  /** The current session's record with the promoted paper (same number, same announcements). */
  current: CurrentSessionRecord;
}

/**
 * When the club has no current paper (the queue ran empty), the same rule picks one without waiting
 * for a session to be marked done, which would need a paper: a claimed paper, else the top vote.
 * Null when the club has a paper, or nothing is claimed or voted for.
 */
export function planPromotion(snapshot: ClubSnapshot): PromotionPlan | null {
  if (snapshot.queue.length > 0) return null;
  const next = chooseNextPaper({ donePaperId: null, claims: snapshot.claims, tallies: tallyVotes(snapshot.votes), queue: [] });
  if (next === null) return null;
  return { next, current: { ...snapshot.current, paperId: next.paperId, chosenBy: next.chosenBy, chosenVotes: next.votes } };
}

export const MAX_LINK_LENGTH = 500;

/** A notes or recording link: http(s) only, so a `javascript:` or `file:` URL never reaches a card. */
export function parseSessionLink(text: string): ParseResult<string> {
  const raw = text.trim().replace(/^<(.*)>$/, '$1');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `"${raw.slice(0, 60)}" is not a link: use a full https:// address.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: 'Links must start with https:// (or http://).' };
  if (url.href.length > MAX_LINK_LENGTH) return { ok: false, error: `That link is longer than ${MAX_LINK_LENGTH} characters.` };
  return { ok: true, value: url.href };
}

/** `club done [notes <url>] [recording <url>]`: the words after `done`. */
export function parseDoneOptions(words: readonly string[]): ParseResult<{ notesUrl: string | null; recordingUrl: string | null }> {
  const out = { notesUrl: null as string | null, recordingUrl: null as string | null };
  const help = 'Use `club done notes <url> recording <url>` (both optional).';
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i]!.trim().toLowerCase();
    const field = word === 'notes' ? 'notesUrl' : word === 'recording' ? 'recordingUrl' : null;
    if (field === null) return { ok: false, error: `"${word.slice(0, 30)}" is not understood here. ${help}` };
    if (out[field] !== null) return { ok: false, error: `The ${word} link is given twice. ${help}` };
    const value = words[i + 1];
    if (value === undefined) return { ok: false, error: `The ${word} link is missing. ${help}` };
    const link = parseSessionLink(value);
    if (!link.ok) return link;
    out[field] = link.value;
  }
  return { ok: true, value: out };
}
