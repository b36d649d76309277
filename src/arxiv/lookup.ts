/**
 * ArxivLookup for link unfurls: metadata for a paper the library does not have, from the arXiv API.
 * Results (including "no such paper") are kept in a bounded least-recently-used map so a link posted
 * again does not hit the API, and concurrent lookups of one id share a single request.
 */
import { parseArxivId } from '../library/arxiv-id.ts';
import type { PaperEntry } from '../library/types.ts';
import type { Logger } from '../log.ts';
import type { ArxivLookup } from '../ports.ts';
import type { ArxivApiClient } from './api-client.ts';
import { metadataToPaperEntry } from './paper-entry.ts';

export const DEFAULT_LOOKUP_CACHE_SIZE = 500;

export interface ArxivLookupOptions {
  /** Build it with createArxivApiClient and the process-wide RequestSpacer (3 s spacing). */
  client: ArxivApiClient;
  log: Logger;
  maxEntries?: number;
}

export function createArxivLookup(options: ArxivLookupOptions): ArxivLookup {
  const maxEntries = options.maxEntries ?? DEFAULT_LOOKUP_CACHE_SIZE;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be >= 1, got ${maxEntries}`);
  const log = options.log.child({ component: 'arxiv-lookup' });
  // Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const cache = new Map<string, PaperEntry | null>();
  const inFlight = new Map<string, Promise<PaperEntry | null>>();

  function remember(id: string, entry: PaperEntry | null): void {
    cache.delete(id);
    cache.set(id, entry);
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
  }

  async function fetchOne(id: string): Promise<PaperEntry | null> {
    const result = await options.client.fetchByIds([id]);
    const metadata = result.found[0];
    const entry = metadata ? metadataToPaperEntry(metadata) : null;
    remember(id, entry);
    log.debug({ arxivId: id, found: entry !== null }, 'arXiv lookup');
    return entry;
  }

  return {
    async lookup(input) {
      const parsed = parseArxivId(input);
      if (!parsed.ok) return null;
      const id = parsed.id;
      if (cache.has(id)) {
        const entry = cache.get(id)!;
        remember(id, entry);
        return entry;
      }
      const pending = inFlight.get(id);
      if (pending) return pending;
      // Failures are not cached: the next unfurl tries again.
      const request = fetchOne(id).finally(() => inFlight.delete(id));
      inFlight.set(id, request);
      return request;
    },
  };
}
