/**
 * A real PING with a short timeout, for /healthz and /metrics: a connection that ioredis still calls
 * `ready` can be half-dead (a Redis paused or overloaded, a network that drops packets), and only a
 * round trip tells. Never throws, never waits longer than `timeoutMs`.
 */
import type { Redis } from 'ioredis';

export type PingResult = { ok: true; ms: number } | { ok: false; reason: string };

export const PING_TIMEOUT_MS = 500;

export async function pingRedis(client: Redis | null, timeoutMs = PING_TIMEOUT_MS): Promise<PingResult> {
  if (!client) return { ok: false, reason: 'no connection' };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PingResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no PONG within ${timeoutMs} ms` }), timeoutMs);
  });
  const ping = client.ping().then(
    (answer): PingResult => (answer === 'PONG' ? { ok: true, ms: Math.round((performance.now() - started) * 10) / 10 } : { ok: false, reason: `answered ${answer}` }),
    (error: unknown): PingResult => ({ ok: false, reason: error instanceof Error ? error.message : String(error) }),
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
