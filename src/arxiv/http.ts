/**
 * One GET to an arXiv service with a User-Agent and a timeout. Network failures, timeouts and bodies
 * cut off mid-transfer become PaperclubError 'upstream_failed' with `retryable: true`; the caller
 * decides what an HTTP status means.
 */
import { PaperclubError, isPaperclubError } from '../errors.ts';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export async function httpGet(
  url: string,
  options: { userAgent: string; timeoutMs?: number; headers?: Record<string, string>; fetchImpl?: typeof fetch; accept: string },
): Promise<HttpResponse> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(url, {
      method: 'GET',
      headers: { 'user-agent': options.userAgent, accept: options.accept, ...options.headers },
      signal,
      redirect: 'follow',
    });
    // Reading the body is covered by the same signal, so a server that stalls mid-body times out too.
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (isPaperclubError(error)) throw error;
    const timedOut = signal.aborted;
    throw new PaperclubError(
      'upstream_failed',
      timedOut ? `arXiv request timed out after ${timeoutMs} ms: ${url}` : `arXiv request failed: ${url}: ${describe(error)}`,
      { url, retryable: true, reason: timedOut ? 'timeout' : 'network' },
      { cause: error },
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/**
 * A Retry-After header (seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or
 * unreadable. arXiv sends it with 429 and 503; capped so a bad header cannot stop polling for days.
 */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** The wait an upstream error asked for (Retry-After), if any. */
export function requestedWaitMs(error: unknown): number | undefined {
  if (!isPaperclubError(error)) return undefined;
  const ms = error.context['retryAfterMs'];
  return typeof ms === 'number' && ms > 0 ? ms : undefined;
}

/** True for errors worth another attempt: marked retryable by whoever raised them. */
export function isRetryableUpstream(error: unknown): boolean {
  return isPaperclubError(error) && error.code === 'upstream_failed' && error.context['retryable'] === true;
}
