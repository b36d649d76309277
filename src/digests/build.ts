/**
 * The weekly paper-club digest for one channel: this week's paper (head of the club queue) with its
 * card and takeaway, its session (time, presenter or "needs a presenter"), the leading votes for the
 * next paper and the open questions, what comes next, the papers alerted since the last digest grouped
 * by topic, and what the club finished. It always has something to say, even in a quiet week. `digest preview`
 * and the scheduled digest job both render it from here, in two steps: `gatherDigest` reads the
 * store, `composeDigest` is a pure function of what was read (tested without Redis).
 */
import { DateTime } from 'luxon';
import type { ChannelAddress } from '../channel-address.ts';
import type { PaperEntry } from '../library/types.ts';
import { clubSummary, type ClubSummary } from '../club/summary.ts';
import { formatSessionTime } from '../club/schedule.ts';
import { loadSession } from '../club/service.ts';
import { paperCard } from '../messages/cards.ts';
import type { Block, Button, Message } from '../messages/message.ts';
import type { ClubFinishedEntry, ClubQueueEntry, DeliveredAlert, Store } from '../store/types.ts';
import { clip } from '../text/clip.ts';

/** The part of the library a digest reads: entries by id. */
export interface DigestLibrary {
  get(id: string): PaperEntry | undefined;
}

export interface DigestInput {
  channel: ChannelAddress;
  library: DigestLibrary;
  store: Store;
  now: Date;
  /** When the last digest went out; null for the first one (then the last week is covered). */
  since: Date | null;
  /** The numbered seed list, the queue of a channel that never changed it. */
  initialQueue: readonly string[];
}

/** Everything a digest says, read from the store: composeDigest turns it into the message. */
export interface DigestData {
  now: Date;
  /** The start of the period covered. */
  since: Date;
  /** The channel's schedule's zone (dates are written in it), UTC without a schedule. */
  timeZone: string;
  /** The club queue, head first. */
  queue: ClubQueueEntry[];
  /** Alerts delivered since `since`. */
  alerts: DeliveredAlert[];
  /** Papers finished since `since`, most recent first. */
  finished: ClubFinishedEntry[];
  /** The club's session, votes and questions (src/club/summary.ts); absent, the digest says nothing of them. */
  club?: { summary: ClubSummary; timeZone: string };
}

/** Caps that keep a busy week readable and within every platform's limits. */
export const DIGEST_LIMITS = { perTopic: 5, totalAlerts: 20, upNext: 3, finished: 10 } as const;

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Reads what the digest needs from the store. */
export async function gatherDigest(input: Omit<DigestInput, 'library'>): Promise<DigestData> {
  const { channel, store, now } = input;
  const since = input.since ?? new Date(now.getTime() - WEEK_MS);
  const [queue, alerts, finished, schedule, session, clubSchedule, skipped] = await Promise.all([
    store.queue(channel, input.initialQueue),
    store.deliveredSince(channel, since),
    store.finished(channel, since),
    store.getSchedule(channel),
    loadSession(store, channel, input.initialQueue),
    store.getClubSchedule(channel),
    store.skippedSessions(channel),
  ]);
  const summary = clubSummary({ view: session.view, schedule: clubSchedule, skipped: new Set(skipped), now });
  const timeZone = schedule?.timeZone ?? 'UTC';
  return { now, since, timeZone, queue, alerts, finished, club: { summary, timeZone: clubSchedule?.timeZone ?? timeZone } };
}

/** Gathers and composes: the digest for one channel now. */
export async function buildDigest(input: DigestInput): Promise<Message> {
  return composeDigest(await gatherDigest(input), input.library);
}

/** The digest message from what was gathered. Pure: the same data always gives the same message. */
export function composeDigest(data: DigestData, library: DigestLibrary): Message {
  const { now, since, queue, alerts, finished } = data;
  const zone = data.timeZone;
  const sinceText = DateTime.fromJSDate(since, { zone }).toFormat('ccc d LLL');

  const blocks: Block[] = [
    { type: 'header', text: 'Paper club digest' },
    { type: 'context', text: `Week of ${DateTime.fromJSDate(now, { zone }).toFormat('d LLL yyyy')} · since ${sinceText}` },
  ];
  const buttons: Button[] = [];

  const head = queue[0];
  const headEntry = head ? entryFor(library, head.paperId) : null;
  if (!head) {
    blocks.push({ type: 'text', text: "This week's paper: the reading queue is empty. Add one with `/paper club add <id or title>`." });
  } else if (headEntry) {
    blocks.push({ type: 'text', text: "This week's paper" });
    blocks.push({ type: 'card', card: paperCard(headEntry, { queuePosition: 1 }) });
    buttons.push({ label: 'Show paper', command: `show ${headEntry.id}` });
  } else {
    blocks.push({ type: 'text', text: `This week's paper: ${head.paperId} (no longer in the library).` });
  }

  if (data.club) blocks.push(...clubBlocks(data.club, library, buttons));

  const next = queue.slice(1, 1 + DIGEST_LIMITS.upNext);
  if (next.length > 0) {
    blocks.push({ type: 'text', text: 'Up next' });
    blocks.push({ type: 'list', ordered: true, items: next.map((q) => paperLine(library, q.paperId)) });
    const rest = queue.length - 1 - next.length;
    if (rest > 0) blocks.push({ type: 'context', text: `and ${rest} more in the queue` });
  }
  if (queue.length > 0) buttons.push({ label: 'Reading queue', command: 'club list' });

  if (alerts.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: `New papers on your topics since ${sinceText} (${alerts.length})` });
    blocks.push(...alertBlocks(alerts));
  }

  if (finished.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: `Finished since ${sinceText}` });
    const shown = finished.slice(0, DIGEST_LIMITS.finished);
    blocks.push({ type: 'list', items: shown.map((f) => paperLine(library, f.paperId)) });
    if (finished.length > shown.length) blocks.push({ type: 'context', text: `and ${finished.length - shown.length} more` });
  }

  if (alerts.length === 0 && finished.length === 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: `A quiet week: no new papers on this channel's topics and nothing finished since ${sinceText}.` });
  }

  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  const summary = headEntry ? `Paper club digest: this week, ${headEntry.title}` : 'Paper club digest';
  return { visibility: 'in_channel', summary, blocks };
}

/**
 * The club's part: the next session (time, presenter or "needs a presenter"), the leading votes for the
 * paper after it (each with a Vote button) and how many questions wait for the presenter.
 */
function clubBlocks(club: NonNullable<DigestData['club']>, library: DigestLibrary, buttons: Button[]): Block[] {
  const { summary } = club;
  const blocks: Block[] = [];
  const when = summary.nextSessionAt ? `Next session: ${formatSessionTime(summary.nextSessionAt, club.timeZone)}` : 'No session scheduled yet (an admin sets one with `/paper club schedule`)';
  const who = summary.paperId === null ? null : summary.presenter ? `presented by ${clip(summary.presenter.name ?? summary.presenter.id, 80)}` : 'needs a presenter: `/paper club present`';
  blocks.push({ type: 'context', text: who ? `${when} · ${who}` : when });
  if (summary.topVotes.length > 0) {
    blocks.push({ type: 'text', text: 'Leading the vote for the paper after it' });
    blocks.push({ type: 'list', ordered: true, items: summary.topVotes.map((t) => `${paperLine(library, t.paperId)}: ${t.votes} vote${t.votes === 1 ? '' : 's'}`) });
    for (const t of summary.topVotes) {
      const entry = entryFor(library, t.paperId);
      buttons.push({ label: `Vote: ${clip(entry ? (entry.aka[0] ?? entry.title) : t.paperId, 30)}`, command: `club vote ${t.paperId}` });
    }
  } else {
    blocks.push({ type: 'context', text: 'No votes yet for the paper after it: vote with `/paper club vote <id or title>` or the Vote button on any paper.' });
  }
  if (summary.openQuestions > 0) {
    blocks.push({ type: 'context', text: `${summary.openQuestions} question${summary.openQuestions === 1 ? '' : 's'} for the presenter so far (\`/paper club questions\`).` });
  }
  return blocks;
}

/** Alerts grouped by topic in order of first delivery, each group and the whole section capped. */
function alertBlocks(alerts: readonly DeliveredAlert[]): Block[] {
  const byTopic = new Map<string, DeliveredAlert[]>();
  for (const alert of [...alerts].sort((a, b) => a.deliveredAt.localeCompare(b.deliveredAt))) {
    const group = byTopic.get(alert.topic) ?? [];
    group.push(alert);
    byTopic.set(alert.topic, group);
  }
  const blocks: Block[] = [];
  let budget: number = DIGEST_LIMITS.totalAlerts;
  let hidden = 0;
  for (const [topic, group] of byTopic) {
    const shown = group.slice(0, Math.min(DIGEST_LIMITS.perTopic, budget));
    budget -= shown.length;
    if (shown.length === 0) {
      hidden += group.length;
      continue;
    }
    blocks.push({ type: 'text', text: `Topic: ${topic}` });
    const items = shown.map((a) => `${a.title} (arXiv:${a.arxivId})`);
    if (group.length > shown.length) items.push(`and ${group.length - shown.length} more`);
    blocks.push({ type: 'list', items });
  }
  if (hidden > 0) blocks.push({ type: 'context', text: `and ${hidden} more on other topics` });
  return blocks;
}

function entryFor(library: DigestLibrary, id: string): PaperEntry | null {
  return library.get(id) ?? null;
}

function paperLine(library: DigestLibrary, id: string): string {
  const entry = entryFor(library, id);
  return entry ? `${entry.title} (${entry.arxivId ? `arXiv:${entry.arxivId}` : entry.id})` : id;
}
