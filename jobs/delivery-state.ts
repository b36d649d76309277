/**
 * Exactly-once-or-never delivery bookkeeping, per (channel, paper), next to the store's forever claim.
 *
 * The store's claim (SADD) says "this channel got, or is getting, this paper": at most once, ever. On
 * its own it cannot tell a retried job whether the post before a crash went out. So each delivery job
 * also records, in a per-channel hash, which job owns the paper and how far it got:
 *
 *   claiming → claimed → posting → posted → done
 *
 * A job that finds its OWN entry after a crash (stalled job retried by another worker) resumes:
 * `claimed` posts (nothing went out yet); `posting` does NOT post again (the message may be in the
 * channel; we choose at-most-once over a duplicate, and log it); `posted` only finishes the bookkeeping.
 * Another job's entry means a duplicate: skipped. Errors that prove nothing was posted (429, transient,
 * permanent) move `posting` back to `claimed`, or release everything when the job gives up.
 */
import type { Redis } from 'ioredis';

export type DeliveryPhase = 'claiming' | 'claimed' | 'posting' | 'posted' | 'done';

export interface DeliveryEntry {
  job: string;
  phase: DeliveryPhase;
  /** When the entry last changed phase (ISO). `posting`/`posted` keep the post time for the digest. */
  at: string;
}

export type Ownership =
  | { arxivId: string; mine: true; fresh: boolean; entry: DeliveryEntry }
  | { arxivId: string; mine: false; entry: DeliveryEntry | null };

function parse(raw: string | null): DeliveryEntry | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<DeliveryEntry>;
    return typeof value.job === 'string' && typeof value.phase === 'string' && typeof value.at === 'string'
      ? { job: value.job, phase: value.phase as DeliveryPhase, at: value.at }
      : null;
  } catch {
    return null;
  }
}

/** Takes each paper for `job` unless another job already owns it. */
export async function takeOwnership(redis: Redis, key: string, arxivIds: readonly string[], job: string, at: Date): Promise<Ownership[]> {
  const out: Ownership[] = [];
  for (const arxivId of arxivIds) {
    const entry: DeliveryEntry = { job, phase: 'claiming', at: at.toISOString() };
    if ((await redis.hsetnx(key, arxivId, JSON.stringify(entry))) === 1) {
      out.push({ arxivId, mine: true, fresh: true, entry });
      continue;
    }
    const existing = parse(await redis.hget(key, arxivId));
    out.push(existing?.job === job ? { arxivId, mine: true, fresh: false, entry: existing } : { arxivId, mine: false, entry: existing });
  }
  return out;
}

export async function setPhase(redis: Redis, key: string, arxivIds: readonly string[], job: string, phase: DeliveryPhase, at: Date): Promise<void> {
  if (arxivIds.length === 0) return;
  const value = JSON.stringify({ job, phase, at: at.toISOString() } satisfies DeliveryEntry);
  await redis.hset(key, Object.fromEntries(arxivIds.map((id) => [id, value])));
}

export async function forget(redis: Redis, key: string, arxivIds: readonly string[]): Promise<void> {
  if (arxivIds.length > 0) await redis.hdel(key, ...arxivIds);
}

/** Which of these papers any job has already taken for the channel (fan-out skips them). */
export async function alreadyTaken(redis: Redis, key: string, arxivIds: readonly string[]): Promise<Set<string>> {
  if (arxivIds.length === 0) return new Set();
  const values = await redis.hmget(key, ...arxivIds);
  return new Set(arxivIds.filter((_, i) => values[i] !== null));
}
