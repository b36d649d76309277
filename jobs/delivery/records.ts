/**
 * One Redis record per delivery (`<prefix>:jobs:delivery:<channel>:<delivery id>`), changed only by
 * the Lua scripts below, with Redis's own clock, so every process on every machine agrees:
 *
 *   pending ──post──▶ sending ──answer──▶ posted
 *      ▲                 │ no answer (timeout, lost connection, 5xx, worker killed)
 *      └─ not found ─────┤ stays `sending`: uncertain until the platform is asked
 *                        └─ cannot tell ──▶ abandoned (never posted twice)
 *
 * The record keeps the message to post until it is posted, so every attempt sends the same message.
 * `uncertainSince` is the start of the FIRST attempt whose outcome is unknown and stays until that is
 * resolved: lookups search from it, and a platform's repeat window (Discord's nonce) is counted from it.
 * A lease (owner + leaseUntil) keeps two workers from working one delivery at once; a killed worker's
 * lease simply runs out.
 */
import type { Redis } from 'ioredis';

export type RecordState = 'pending' | 'sending' | 'posted' | 'abandoned';

export interface DeliveryRecord {
  state: RecordState;
  /** The message JSON (an opaque string here, so Lua never re-encodes it). Gone once resolved. */
  message?: string;
  /** The caller's notes about the message (JSON object as a string), kept with the record. */
  meta?: string;
  createdAt: number;
  attempts: number;
  attemptAt?: number;
  uncertainSince?: number;
  owner?: string;
  leaseUntil?: number;
  messageId?: string;
  postedAt?: number;
  /** How it was resolved: posted now, found by a lookup, deduplicated by the platform, or abandoned. */
  via?: 'post' | 'lookup' | 'repeat' | 'abandoned';
  reason?: string;
}

export type Acquired =
  | { status: 'absent' }
  | { status: 'fresh' | 'uncertain' | 'posted' | 'abandoned'; record: DeliveryRecord; now: number }
  | { status: 'busy'; retryInMs: number };

const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// KEYS[1] record; ARGV: owner, leaseMs, message JSON ('' = only look), ttl seconds for a new record, meta JSON
const ACQUIRE = `${NOW}
local raw = redis.call('GET', KEYS[1])
local rec
if not raw then
  if ARGV[3] == '' then return cjson.encode({status = 'absent'}) end
  rec = {state = 'pending', message = ARGV[3], meta = ARGV[5], createdAt = now, attempts = 0, owner = ARGV[1], leaseUntil = now + tonumber(ARGV[2])}
  redis.call('SET', KEYS[1], cjson.encode(rec), 'EX', tonumber(ARGV[4]))
  return cjson.encode({status = 'fresh', record = rec, now = now})
end
rec = cjson.decode(raw)
if rec.state == 'posted' or rec.state == 'abandoned' then return cjson.encode({status = rec.state, record = rec, now = now}) end
if rec.owner and rec.owner ~= ARGV[1] and (rec.leaseUntil or 0) > now then
  return cjson.encode({status = 'busy', retryInMs = rec.leaseUntil - now})
end
rec.owner = ARGV[1]
rec.leaseUntil = now + tonumber(ARGV[2])
redis.call('SET', KEYS[1], cjson.encode(rec), 'KEEPTTL')
if rec.state == 'sending' then return cjson.encode({status = 'uncertain', record = rec, now = now}) end
return cjson.encode({status = 'fresh', record = rec, now = now})`;

// KEYS[1] record; ARGV: owner, change JSON. Returns the new record, or 'lost' when another worker owns it.
// change: {state?, sending?, release?, resolve? (clear uncertainSince), messageId?, via?, reason?, force?, leaseMs?, ttl?}
const CHANGE = `${NOW}
local raw = redis.call('GET', KEYS[1])
if not raw then return 'lost' end
local rec = cjson.decode(raw)
local c = cjson.decode(ARGV[2])
if not c.force and rec.owner ~= ARGV[1] then return 'lost' end
if c.sending then
  if rec.state ~= 'sending' then rec.uncertainSince = now end
  rec.state = 'sending'
  rec.attemptAt = now
  rec.attempts = (rec.attempts or 0) + 1
  rec.leaseUntil = now + tonumber(c.leaseMs)
end
if c.state then rec.state = c.state end
if c.resolve then rec.uncertainSince = nil end
if c.messageId then rec.messageId = c.messageId end
if c.via then rec.via = c.via end
if c.reason then rec.reason = c.reason end
if rec.state == 'posted' or rec.state == 'abandoned' then
  rec.message = nil
  rec.uncertainSince = nil
  rec.postedAt = rec.postedAt or now
  c.release = true
end
if c.release then
  rec.owner = nil
  rec.leaseUntil = nil
end
if c.ttl then redis.call('SET', KEYS[1], cjson.encode(rec), 'EX', tonumber(c.ttl)) else redis.call('SET', KEYS[1], cjson.encode(rec), 'KEEPTTL') end
return cjson.encode(rec)`;

export interface RecordChange {
  state?: RecordState;
  /** Mark a new attempt as being sent (keeps `uncertainSince` if an earlier one is still unresolved). */
  sending?: boolean;
  leaseMs?: number;
  release?: boolean;
  /** The earlier uncertainty is settled (a lookup found nothing). */
  resolve?: boolean;
  messageId?: string;
  via?: DeliveryRecord['via'];
  reason?: string;
  /** Apply even when another worker now owns the record (a post that happened is a fact). */
  force?: boolean;
  /** New expiry in seconds. */
  ttl?: number;
}

export class DeliveryRecords {
  constructor(private readonly redis: Redis) {}

  async read(key: string): Promise<DeliveryRecord | null> {
    const raw = await this.redis.get(key);
    return raw === null ? null : (JSON.parse(raw) as DeliveryRecord);
  }

  /** Takes the delivery for `owner` (creating it with `message` when new), or says who has it. */
  async acquire(key: string, owner: string, leaseMs: number, message: string, ttlSeconds: number, meta = '{}'): Promise<Acquired> {
    const raw = (await this.redis.eval(ACQUIRE, 1, key, owner, String(leaseMs), message, String(ttlSeconds), meta)) as string;
    return JSON.parse(raw) as Acquired;
  }

  /** Applies `change`; null when another worker took the delivery over meanwhile. */
  async change(key: string, owner: string, change: RecordChange): Promise<DeliveryRecord | null> {
    const raw = (await this.redis.eval(CHANGE, 1, key, owner, JSON.stringify(change))) as string;
    return raw === 'lost' ? null : (JSON.parse(raw) as DeliveryRecord);
  }
}
