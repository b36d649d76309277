/**
 * Fetches an arXiv listing feed (`<ARXIV_RSS_URL>/<cat>[+<cat>...]`) with a conditional GET.
 * rss-parser's own parseURL rejects a 304 and hides the response headers, so we fetch ourselves,
 * hand the validators (ETag, Last-Modified) back for the caller to persist, and only parse a 200.
 * Spacing: pass `spacer` to space requests within this process; spacing across workers and machines
 * is the poll job's shared limiter.
 */
import { PaperclubError } from '../errors.ts';
import { httpGet, retryAfterMs } from './http.ts';
import { parseFeed, type FeedItem } from './feed-parse.ts';
import type { ArxivRequestGate } from './request-spacer.ts';

export { parseFeed, splitCreators, toAnnounceType } from './feed-parse.ts';
export type { AnnounceType, FeedItem, ParsedFeed } from './feed-parse.ts';

export const DEFAULT_ARXIV_RSS_URL = 'https://rss.arxiv.org/rss';
export const DEFAULT_FEED_TIMEOUT_MS = 30_000;

export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export type FeedFetchResult =
  | {
      status: 'ok';
      items: FeedItem[];
      validators: FeedValidators;
      /** Channel pubDate (RSS) / updated (Atom), ISO 8601; compare with calendar.isStale. */
      feedDate: string | null;
      /** Items without a recognisable arXiv id (left out of `items`). */
      skipped: number;
      url: string;
    }
  | { status: 'not_modified'; validators: FeedValidators; url: string };

export interface FetchFeedOptions {
  baseUrl: string;
  categories: string[];
  userAgent: string;
  validators?: FeedValidators;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Runs the request in turn, e.g. the process-wide RequestSpacer (3 s between request starts). */
  spacer?: ArxivRequestGate;
}

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

export function feedUrl(baseUrl: string, categories: readonly string[]): string {
  if (categories.length === 0) throw new PaperclubError('bad_arguments', 'A feed needs at least one arXiv category');
  const bad = categories.filter((c) => !CATEGORY.test(c));
  if (bad.length > 0) throw new PaperclubError('bad_arguments', `Not arXiv categories: ${bad.join(', ')}`, { categories: bad });
  return `${baseUrl.replace(/\/+$/, '')}/${[...new Set(categories)].join('+')}`;
}

export async function fetchFeed(options: FetchFeedOptions): Promise<FeedFetchResult> {
  const url = feedUrl(options.baseUrl, options.categories);
  const conditional: Record<string, string> = {};
  if (options.validators?.etag) conditional['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) conditional['if-modified-since'] = options.validators.lastModified;

  // The status is judged inside the gate's turn, so a 429/503 with Retry-After holds the gate.
  const request = async () => {
    const response = await httpGet(url, {
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs ?? DEFAULT_FEED_TIMEOUT_MS,
      fetchImpl: options.fetchImpl,
      headers: conditional,
      accept: 'application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, */*;q=0.1',
    });
    if (response.status !== 200 && response.status !== 304) {
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
      throw new PaperclubError('upstream_failed', `arXiv feed answered HTTP ${response.status}: ${url}`, {
        url,
        status: response.status,
        retryable,
        retryAfter: response.headers.get('retry-after') ?? undefined,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      });
    }
    return response;
  };
  const response = await (options.spacer ? options.spacer.run(request) : request());

  if (response.status === 304) {
    // Keep the old validators unless the server sent fresh ones.
    return { status: 'not_modified', validators: { ...options.validators, ...validatorsOf(response.headers) }, url };
  }
  let parsed;
  try {
    parsed = await parseFeed(response.body);
  } catch (error) {
    if (error instanceof PaperclubError) {
      throw new PaperclubError('upstream_failed', `${error.message} (${url})`, { ...error.context, url, status: 200 }, { cause: error });
    }
    throw error;
  }
  return {
    status: 'ok',
    items: parsed.items,
    validators: validatorsOf(response.headers),
    feedDate: parsed.feedDate,
    skipped: parsed.skipped,
    url,
  };
}

function validatorsOf(headers: Headers): FeedValidators {
  const validators: FeedValidators = {};
  const etag = headers.get('etag');
  const lastModified = headers.get('last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return validators;
}
