import { parseArxivId } from '../library/arxiv-id.ts';
import { doiOf } from '../library/links.ts';
import type { PaperEntry } from '../library/types.ts';
import type { Logger } from '../log.ts';
import type { ArxivLookup } from '../ports.ts';
import type { PaperSearch } from './lazy-index.ts';

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
export function resolvePaper(library: PaperLookup, index: PaperSearch, idOrQuery: string): PaperEntry | null {
  const text = idOrQuery.trim();
  if (text === '') return null;
  const exact = library.get(text) ?? library.lookup(text);
  if (exact) return exact;
  return index.search(text, { limit: 1 })[0]?.entry ?? null;
}

/** What resolving a link needs: the library's exact lookup and, when configured, arXiv for papers it lacks. */
export interface LinkLookups {
  library: PaperLookup;
  arxiv?: ArxivLookup;
}

/**
 * The paper a link names (arXiv abs/pdf/html, Hugging Face papers, doi.org): the library's entry
 * first, else arXiv's metadata for an arXiv paper the library lacks. Null when nothing matches. An
 * arXiv failure is logged and resolves to null: a link is left alone rather than answered with an error.
 */
export async function resolvePaperLink(url: string, lookups: LinkLookups, log: Logger): Promise<PaperEntry | null> {
  const arxiv = parseArxivId(url);
  if (arxiv.ok) {
    const known = lookups.library.lookup(arxiv.id);
    if (known) return known;
    if (!lookups.arxiv) return null;
    try {
      return await lookups.arxiv.lookup(arxiv.id);
    } catch (error) {
      log.warn({ err: error, url, arxivId: arxiv.id }, 'arXiv lookup for a link failed; leaving the link alone');
      return null;
    }
  }
  const doi = doiOf(url);
  return doi ? (lookups.library.lookup(doi) ?? null) : null;
}
