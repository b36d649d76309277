import type { PaperEntry } from '../library/types.ts';
import type { SearchIndex } from './search-index.ts';

/** The part of the Library that resolving needs (the Library class satisfies it). */
export interface PaperLookup {
  get(id: string): PaperEntry | undefined;
  /** Library id, arXiv id in any form, or DOI. */
  lookup(idLike: string): PaperEntry | undefined;
}

/**
 * What `show`/`cite` act on: an exact identifier in any form first (library id, arXiv id/URL/DOI,
 * DOI), else the best search hit, else null. An id-shaped input that names nothing here resolves to
 * null rather than to whatever its digits happen to match.
 */
export function resolvePaper(library: PaperLookup, index: SearchIndex, idOrQuery: string): PaperEntry | null {
  const text = idOrQuery.trim();
  if (text === '') return null;
  const exact = library.get(text) ?? library.lookup(text);
  if (exact) return exact;
  return index.search(text, { limit: 1 })[0]?.entry ?? null;
}
