/**
 * Which alert papers a channel has taken, and which of them still wait to be posted.
 *
 * - The claim (`<prefix>:ch:…:alerts:claimed`, a set that never expires) says "this channel has taken
 *   this paper": a paper enters a channel's outbox once, ever, whichever poll, feed or worker sees it.
 * - The outbox keeps every taken paper until it is posted: `held` (arXiv id → the paper and since when)
 *   and `assigned` (arXiv id → the delivery id that will post it). A paper is assigned to one delivery
 *   once (HSETNX) and stays with it until that delivery is resolved, so two polls can never put one
 *   paper into two messages, and a delivery whose outcome is unknown is retried as itself.
 *
 * Claim and outbox entry are written together (Lua), so a crash can never leave a paper claimed but
 * nowhere. Papers held while a channel is blocked stay here, at most MAX_HELD per channel and for at
 * most MAX_HELD_AGE, until `resume` or the next poll after an unblock queues them, whatever the feed
 * says by then.
 */
import type { Redis } from 'ioredis';
import { formatChannelAddress, type ChannelAddress } from '../../src/channel-address.ts';
import { createKeys } from '../../src/store/redis/keys.ts';
import type { AlertPaper } from '../../src/topics/alert-message.ts';

/** Papers kept per channel while they cannot be delivered; the oldest unassigned go first past this. */
export const MAX_HELD = 500;
/** Unassigned papers older than this are dropped: an alert a month late is noise, not news. */
export const MAX_HELD_AGE_MS = 30 * 24 * 3600 * 1000;

export interface HeldPaper {
  paper: AlertPaper;
  /** When the channel took it (ms). */
  since: number;
  /** The delivery that will post it, once assigned. */
  delivery: string | null;
}

// KEYS: claimed, held. ARGV: pairs of (arxivId, entry JSON). Returns the ids newly taken.
const TAKE = `
local taken = {}
for i = 1, #ARGV, 2 do
  if redis.call('SADD', KEYS[1], ARGV[i]) == 1 then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    taken[#taken + 1] = ARGV[i]
  end
end
return taken`;

// KEYS: held, assigned. ARGV[1] delivery id, then arXiv ids. Assigns those held and not yet assigned.
const ASSIGN = `
local done = {}
for i = 2, #ARGV do
  if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 and redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[1]) == 1 then
    done[#done + 1] = ARGV[i]
  end
end
return done`;

const part = (text: string) => encodeURIComponent(text);

export class AlertOutbox {
  readonly #claims: ReturnType<typeof createKeys>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.#claims = createKeys(prefix);
  }

  #keys(channel: ChannelAddress) {
    const c = part(formatChannelAddress(channel));
    return {
      claimed: this.#claims.channel(channel, 'alerts:claimed'),
      held: `${this.prefix}:jobs:held:${c}`,
      assigned: `${this.prefix}:jobs:assigned:${c}`,
    };
  }

  /** Claims the papers the channel never took, and holds them until posted; returns those taken now. */
  async take(channel: ChannelAddress, papers: readonly AlertPaper[], now: number): Promise<AlertPaper[]> {
    if (papers.length === 0) return [];
    const k = this.#keys(channel);
    const args = papers.flatMap((paper) => [paper.arxivId, JSON.stringify({ paper, since: now })]);
    const taken = new Set((await this.redis.eval(TAKE, 2, k.claimed, k.held, ...args)) as string[]);
    return papers.filter((p) => taken.has(p.arxivId));
  }

  /** Assigns held, unassigned papers to `delivery`; returns the ids it got. */
  async assign(channel: ChannelAddress, delivery: string, arxivIds: readonly string[]): Promise<string[]> {
    if (arxivIds.length === 0) return [];
    const k = this.#keys(channel);
    return (await this.redis.eval(ASSIGN, 2, k.held, k.assigned, delivery, ...arxivIds)) as string[];
  }

  /** Everything the channel still has to post, oldest first. */
  async held(channel: ChannelAddress): Promise<HeldPaper[]> {
    const k = this.#keys(channel);
    const [held, assigned] = await Promise.all([this.redis.hgetall(k.held), this.redis.hgetall(k.assigned)]);
    const out: HeldPaper[] = [];
    for (const [arxivId, raw] of Object.entries(held)) {
      try {
        const entry = JSON.parse(raw) as { paper: AlertPaper; since: number };
        out.push({ paper: entry.paper, since: entry.since, delivery: assigned[arxivId] ?? null });
      } catch {
        // An unreadable entry cannot be posted; leave it for `drop` below.
      }
    }
    return out.sort((a, b) => a.since - b.since || a.paper.arxivId.localeCompare(b.paper.arxivId));
  }

  /** The papers are posted (or settled for good): they leave the outbox; their claims stay. */
  async settle(channel: ChannelAddress, arxivIds: readonly string[]): Promise<void> {
    if (arxivIds.length === 0) return;
    const k = this.#keys(channel);
    await this.redis.multi().hdel(k.held, ...arxivIds).hdel(k.assigned, ...arxivIds).exec();
  }

  /**
   * Drops unassigned papers past MAX_HELD_AGE, then the oldest unassigned past MAX_HELD; returns what
   * was dropped, for the log. Assigned papers are never dropped: their delivery may be in flight.
   */
  async trim(channel: ChannelAddress, now: number, limits = { count: MAX_HELD, ageMs: MAX_HELD_AGE_MS }): Promise<HeldPaper[]> {
    const all = await this.held(channel);
    const unassigned = all.filter((h) => h.delivery === null);
    const tooOld = unassigned.filter((h) => now - h.since > limits.ageMs);
    const left = unassigned.filter((h) => now - h.since <= limits.ageMs);
    const overflow = Math.max(0, all.length - tooOld.length - limits.count);
    const dropped = [...tooOld, ...left.slice(0, overflow)];
    await this.settle(channel, dropped.map((h) => h.paper.arxivId));
    return dropped;
  }
}
