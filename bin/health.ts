/**
 * /healthz: one line per part of the process (library, Redis, jobs, Slack, the Discord gateway, the
 * last arXiv poll), each with its state. HTTP 200 while the process serves lookups (search, show,
 * cite need only the library), whatever else is down; 503 once it is shutting down. `status` says
 * `ok` when every configured part is well, `degraded` otherwise, so a monitor can tell both;
 * `degraded` names the parts and `reasons` says why each one is.
 *
 * Redis is asked, not assumed: a real PING with a 500 ms timeout (bin/redis-ping.ts), so a Redis that
 * is paused, overloaded or behind a dropped network shows as `not answering` although ioredis still
 * holds a connection. Workers (bin/worker.ts) serve the same report without the chat adapters.
 */
import type { AdapterHealth } from '../adapters/types.ts';
import type { JobRuntime } from '../jobs/runtime.ts';
import type { Library } from '../src/library/library.ts';
import type { Store } from '../src/store/types.ts';
import type { HealthReport } from './http-server.ts';
import type { RedisLink } from './redis-link.ts';
import { pingRedis } from './redis-ping.ts';
import { within } from './within.ts';

export interface HealthSources {
  library: Library;
  redis: RedisLink;
  store: Store;
  runtime: () => JobRuntime | null;
  /** The chat adapters (the bot); absent in a worker, which reports `extra` parts instead. */
  adapters?: () => Array<{ name: string; health(): AdapterHealth }>;
  extra?: () => Record<string, AdapterHealth>;
  stopping: () => boolean;
  startedAt: Date;
}

const WELL: ReadonlySet<string> = new Set(['ok', 'on', 'connected', 'running', 'ready', 'off', 'http only']);

/** A part's own words for why it is not well, else its state. */
function reasonOf(part: AdapterHealth): string {
  for (const key of ['reason', 'lastError', 'detail']) if (typeof part[key] === 'string' && part[key] !== '') return `${part.state}: ${part[key] as string}`;
  return part.state;
}

export async function healthReport(s: HealthSources): Promise<HealthReport> {
  const linkState = s.redis.state();
  const runtime = s.runtime();
  const client = s.redis.client();
  const ping = client && linkState !== 'none' ? await pingRedis(client) : null;
  // Connected by ioredis' account but no PONG: the link is there, Redis is not answering.
  const redisState = linkState === 'connected' && ping && !ping.ok ? 'not answering' : linkState;
  const connected = redisState === 'connected';
  const [polls, deliveries] = await Promise.all([
    connected ? within(500, s.store.lastPolls()) : Promise.resolve(null),
    connected && runtime ? within(500, runtime.deliveries.stats()) : Promise.resolve(null),
  ]);
  const last = (polls ?? []).reduce<{ checkedAt: string; outcome: string; category: string } | null>(
    (latest, p) => (latest === null || p.checkedAt > latest.checkedAt ? p : latest),
    null,
  );
  const parts: Record<string, AdapterHealth> = {
    library: { state: 'ok', papers: s.library.size },
    redis: {
      state: redisState,
      detail: s.redis.detail(),
      ...(ping ? (ping.ok ? { pingMs: ping.ms } : { reason: `PING failed: ${ping.reason}` }) : {}),
    },
    jobs: runtime
      ? { state: runtime.health().running ? 'running' : 'stopped', ...runtime.health(), ...(deliveries ? { deliveries } : {}) }
      : { state: redisState === 'none' ? 'off' : 'waiting for Redis' },
  };
  if (s.adapters) {
    const byName = new Map(s.adapters().map((a) => [a.name, a.health()]));
    const discord = byName.get('discord');
    parts['slack'] = byName.get('slack') ?? { state: 'off' };
    parts['gateway'] = discord ? (discord['gateway'] as AdapterHealth) : { state: 'off' };
    parts['discord'] = discord ?? { state: 'off' };
    if (byName.has('console')) parts['console'] = byName.get('console')!;
  }
  Object.assign(parts, s.extra?.() ?? {});
  parts['lastPoll'] = last ? { state: last.outcome, at: last.checkedAt, feed: last.category } : { state: connected ? 'never' : 'unknown' };
  const degraded = Object.entries(parts).filter(([name, part]) => name !== 'lastPoll' && !WELL.has(part.state));
  return {
    ok: !s.stopping(),
    status: s.stopping() ? 'stopping' : degraded.length === 0 ? 'ok' : 'degraded',
    ...(degraded.length > 0 ? { degraded: degraded.map(([name]) => name), reasons: Object.fromEntries(degraded.map(([name, part]) => [name, reasonOf(part)])) } : {}),
    uptimeS: Math.round((Date.now() - s.startedAt.getTime()) / 1000),
    parts,
  };
}
