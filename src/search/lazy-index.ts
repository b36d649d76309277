/**
 * The search index, made the first time something searches (or when `warm()` asks): loaded from the
 * build's snapshot when the library came from it, else built (0.1-0.3 s for the 225 seed papers,
 * more for a larger library). A process that only cites, or a bot that has not been asked anything
 * yet, need not wait for either: `npm start` warms it once it serves, the CLI only for commands that search.
 */
import type { SavedSearchIndex } from '../library/snapshot.ts';
import { readIndexSnapshot } from './index-snapshot.ts';
import { SearchIndex } from './search-index.ts';
import type { PaperEntry } from '../library/types.ts';

/** What commands use of the index: the search itself and autocomplete suggestions. */
export type PaperSearch = Pick<SearchIndex, 'search' | 'suggest'>;

export interface LazySearchIndex extends PaperSearch {
  /** Makes the index now unless it is made already (cheap to call again); says whether it was loaded or built. */
  warm(): SearchIndex['origin'];
  /** Whether the index has been built. */
  readonly built: boolean;
}

/** `saved`: the index the build saved for these entries (LoadedLibrary.searchIndex), loaded rather than built when it fits. */
export function lazySearchIndex(entries: readonly PaperEntry[], saved: SavedSearchIndex | null = null): LazySearchIndex {
  let index: SearchIndex | null = null;
  const built = (): SearchIndex => (index ??= SearchIndex.fromSnapshot(entries, saved ? readIndexSnapshot(saved) : null));
  return {
    search: (...args) => built().search(...args),
    suggest: (...args) => built().suggest(...args),
    warm: () => built().origin,
    get built() {
      return index !== null;
    },
  };
}
