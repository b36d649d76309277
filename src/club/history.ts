/**
 * The archive: `club history [query]`. Exporting what the club read is history-export.ts (it loads
 * citation-js, which a history search does not need).
 *
 * A query matches a session when every word of it is found in the session's paper (title, a.k.a.,
 * authors, through the library) or its presenter's name, with the search module's normalisation
 * (accents, case, `GPT-3` = `gpt3`, plurals) and as a prefix from three letters on (`transf`). An
 * identifier in any form (arXiv id or URL, DOI, library id) matches the sessions of that paper.
 */
import type { PaperEntry } from '../library/types.ts';
import type { PaperLookup } from '../search/resolve.ts';
import { documentTerms, queryTerms } from '../search/normalize.ts';
import type { ArchivedSession } from './types.ts';

const PREFIX_MIN = 3;

function authorName(author: PaperEntry['authors'][number]): string {
  return 'literal' in author ? author.literal : `${author.given} ${author.family}`;
}

function sessionTerms(session: ArchivedSession, entry: PaperEntry | undefined): Set<string> {
  const texts = [session.paperId, session.presenter?.name ?? '', session.presenter?.id ?? ''];
  if (entry) texts.push(entry.title, ...entry.aka, ...entry.authors.map(authorName), entry.arxivId ?? '');
  return new Set(texts.flatMap((text) => documentTerms(text)));
}

/** Most recent first (the archive's order); an empty query lists every session. */
export function searchHistory(archive: readonly ArchivedSession[], query: string, library: PaperLookup): ArchivedSession[] {
  const sorted = [...archive].sort((a, b) => b.number - a.number);
  const text = query.trim();
  if (text === '') return sorted;
  const identified = library.get(text) ?? library.lookup(text);
  const words = queryTerms(text).words.map((w) => w.whole);
  return sorted.filter((session) => {
    if (identified && identified.id === session.paperId) return true;
    if (words.length === 0) return false;
    const terms = sessionTerms(session, library.get(session.paperId));
    return words.every((word) => terms.has(word) || (word.length >= PREFIX_MIN && [...terms].some((t) => t.startsWith(word))));
  });
}
