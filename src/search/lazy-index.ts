/**
 * The search index, built the first time something searches (or when `warm()` asks). Building it
 * takes longer than loading the library (about 0.1 s for the 225 seed papers, more for a larger
 * library), and a process that only cites, or a bot that has not been asked anything yet, need not
 * wait for it: `npm start` warms it once it serves, the CLI only for commands that search.
 */
import { SearchIndex } from './search-index.ts';
import type { PaperEntry } from '../library/types.ts';

/** What commands use of the index: the search itself and autocomplete suggestions. */
export type PaperSearch = Pick<SearchIndex, 'search' | 'suggest'>;

export interface LazySearchIndex extends PaperSearch {
  /** Builds the index now unless it is built already (cheap to call again). */
  warm(): void;
  /** Whether the index has been built. */
  readonly built: boolean;
}

export function lazySearchIndex(entries: readonly PaperEntry[]): LazySearchIndex {
  let index: SearchIndex | null = null;
  const built = (): SearchIndex => (index ??= new SearchIndex(entries));
  return {
    search: (...args) => built().search(...args),
    suggest: (...args) => built().suggest(...args),
    warm: () => void built(),
    get built() {
      return index !== null;
    },
  };
}
