/**
 * arXiv Query API client: metadata by id, in batches of at most 100 ids per request (`id_list`),
 * never more than one request every 3 seconds (a RequestSpacer shared by every caller of this client),
 * with bounded retries for 5xx responses, timeouts and cut-off bodies.
 */
import { PaperclubError } from '../errors.ts';
import { parseArxivId } from '../library/arxiv-id.ts';
import type { Logger } from '../log.ts';
import { parseApiAtom } from './api-atom.ts';
import type { ArxivMetadata } from '../library/metadata-files.ts';
import { httpGet, isRetryableUpstream, retryAfterMs } from './http.ts';
import { RequestSpacer, type ArxivRequestGate } from './request-spacer.ts';
import { defaultRetryPolicy, withRetries, type RetryPolicy } from './retry.ts';

export const DEFAULT_ARXIV_API_URL = 'https://export.arxiv.org/api/query';
export const MAX_IDS_PER_REQUEST = 100;

export interface FetchByIdsResult {
  /** Metadata for every id the API returned, in request order. */
  found: ArxivMetadata[];
  /** Well-formed ids the API skipped: it does not know them. */
  missing: string[];
  /** Inputs that are not arXiv ids at all; never sent, so one typo cannot fail a whole batch. */
  invalid: string[];
}

export interface ArxivApiClient {
  fetchByIds(ids: readonly string[]): Promise<FetchByIdsResult>;
}

export interface ArxivApiClientOptions {
  /** The query endpoint (config ARXIV_API_URL). */
  apiUrl?: string;
  userAgent: string;
  log: Logger;
  /** Share one gate between every client talking to arXiv (a RequestSpacer, or the Redis-backed shared gate). */
  spacer?: ArxivRequestGate;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  batchSize?: number;
  fetchImpl?: typeof fetch;
}

export function createArxivApiClient(options: ArxivApiClientOptions): ArxivApiClient {
  const apiUrl = (options.apiUrl ?? DEFAULT_ARXIV_API_URL).replace(/\/+$/, '');
  const spacer = options.spacer ?? new RequestSpacer();
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const batchSize = options.batchSize ?? MAX_IDS_PER_REQUEST;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_IDS_PER_REQUEST) {
    throw new RangeError(`batchSize must be 1..${MAX_IDS_PER_REQUEST}, got ${batchSize}`);
  }
  const log = options.log.child({ component: 'arxiv-api' });

  async function fetchBatch(ids: string[]): Promise<ArxivMetadata[]> {
    const url = `${apiUrl}?${new URLSearchParams({ id_list: ids.join(','), start: '0', max_results: String(ids.length) })}`;
    return withRetries(
      retry,
      isRetryableUpstream,
      () => spacer.run(() => requestOnce(url)),
      (error, attempt, delayMs) =>
        log.warn({ url, attempt, delayMs, err: error instanceof Error ? error.message : String(error) }, 'arXiv API request failed; retrying'),
    );
  }

  async function requestOnce(url: string): Promise<ArxivMetadata[]> {
    const response = await httpGet(url, {
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      fetchImpl: options.fetchImpl,
      accept: 'application/atom+xml',
    });
    const { status } = response;
    if (status >= 500 || status === 429) {
      throw new PaperclubError('upstream_failed', `arXiv API answered HTTP ${status}`, {
        url,
        status,
        retryable: true,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      });
    }
    const parsed = await parseApiAtom(response.body);
    if (!parsed.ok && parsed.kind === 'api_error') {
      throw new PaperclubError('upstream_failed', `arXiv API error: ${parsed.message}`, {
        url,
        status,
        apiError: parsed.errorId,
        retryable: false,
      });
    }
    if (status !== 200) {
      throw new PaperclubError('upstream_failed', `arXiv API answered HTTP ${status}`, { url, status, retryable: false });
    }
    if (!parsed.ok) {
      // A 200 whose body does not parse is almost always a download cut short: worth another try.
      throw new PaperclubError('upstream_failed', `arXiv API returned malformed Atom: ${parsed.message}`, {
        url,
        status,
        retryable: true,
      });
    }
    return parsed.entries;
  }

  return {
    async fetchByIds(input) {
      const invalid: string[] = [];
      const wanted: string[] = [];
      const seen = new Set<string>();
      for (const raw of input) {
        const id = parseArxivId(raw);
        if (!id.ok) {
          invalid.push(raw);
        } else if (!seen.has(id.id)) {
          seen.add(id.id);
          wanted.push(id.id);
        }
      }
      const byId = new Map<string, ArxivMetadata>();
      for (let i = 0; i < wanted.length; i += batchSize) {
        const batch = wanted.slice(i, i + batchSize);
        const entries = await fetchBatch(batch);
        for (const entry of entries) byId.set(entry.arxivId, entry);
        log.debug({ requested: batch.length, returned: entries.length }, 'arXiv API batch done');
      }
      const found = wanted.flatMap((id) => {
        const entry = byId.get(id);
        return entry ? [entry] : [];
      });
      return { found, missing: wanted.filter((id) => !byId.has(id)), invalid };
    },
  };
}
