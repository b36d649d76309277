/**
 * /healthz: one line per part of the process (library, Redis, jobs, Slack, the Discord gateway, the
 * last arXiv poll), each with its state. HTTP 200 while the process serves lookups (search, show,
 * cite need only the library), whatever else is down; 503 once it is shutting down. `status` says
 * `ok` when every configured part is well, `degraded` otherwise, so a monitor can tell both.
 */
import type { AdapterHealth } from '../adapters/types.ts';
import type { JobRuntime } from '../jobs/runtime.ts';
import type { Library } from '../src/library/library.ts';
import type { Store } from '../src/store/types.ts';
import type { HealthReport } from './http-server.ts';
import type { RedisLink } from './redis-link.ts';

export interface HealthSources {
  library: Library;
  redis: RedisLink;
  store: Store;
  runtime: () => JobRuntime | null;
  adapters: () => Array<{ name: string; health(): AdapterHealth }>;
  stopping: () => boolean;
  startedAt: Date;
}

/** Redis-backed details must not make /healthz hang while Redis is down. */
async function within<T>(ms: number, work: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work.catch(() => null), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const WELL: ReadonlySet<string> = new Set(['ok', 'on', 'connected', 'running', 'ready', 'off', 'http only']);

export async function healthReport(s: HealthSources): Promise<HealthReport> {
  const redisState = s.redis.state();
  const runtime = s.runtime();
  const connected = redisState === 'connected';
  const [polls, deliveries] = await Promise.all([
    connected ? within(500, s.store.lastPolls()) : Promise.resolve(null),
    connected && runtime ? within(500, runtime.deliveries.stats()) : Promise.resolve(null),
  ]);
  const last = (polls ?? []).reduce<{ checkedAt: string; outcome: string; category: string } | null>(
    (latest, p) => (latest === null || p.checkedAt > latest.checkedAt ? p : latest),
    null,
  );
  const byName = new Map(s.adapters().map((a) => [a.name, a.health()]));
  const discord = byName.get('discord');
  const parts: Record<string, AdapterHealth> = {
    library: { state: 'ok', papers: s.library.size },
    redis: { state: redisState, detail: s.redis.detail() },
    jobs: runtime
      ? { state: runtime.health().running ? 'running' : 'stopped', ...runtime.health(), ...(deliveries ? { deliveries } : {}) }
      : { state: redisState === 'none' ? 'off' : 'waiting for Redis' },
    slack: byName.get('slack') ?? { state: 'off' },
    gateway: discord ? (discord['gateway'] as AdapterHealth) : { state: 'off' },
    discord: discord ?? { state: 'off' },
    lastPoll: last ? { state: last.outcome, at: last.checkedAt, feed: last.category } : { state: connected ? 'never' : 'unknown' },
  };
  if (byName.has('console')) parts['console'] = byName.get('console')!;
  const degraded = Object.entries(parts).filter(([name, part]) => name !== 'lastPoll' && !WELL.has(part.state));
  return {
    ok: !s.stopping(),
    status: s.stopping() ? 'stopping' : degraded.length === 0 ? 'ok' : 'degraded',
    ...(degraded.length > 0 ? { degraded: degraded.map(([name]) => name) } : {}),
    uptimeS: Math.round((Date.now() - s.startedAt.getTime()) / 1000),
    parts,
  };
}
