import type { LinkKind, PaperEntry } from '../library/types.ts';
import { arxivAbsUrl } from '../library/arxiv-id.ts';

/** Which link best stands for a work, best first. Local paths are never a work's public URL. */
const LINK_PREFERENCE: readonly LinkKind[] = ['abs', 'doi', 'web', 'code', 'html', 'pdf', 'discussion', 'slides'];

/**
 * The one public URL that identifies an entry: the arXiv abstract page for arXiv papers, the DOI
 * resolver for other DOIs, otherwise the most telling link a list gave. Null when there is none.
 */
export function primaryUrl(entry: PaperEntry): string | null {
  if (entry.arxivId) return arxivAbsUrl(entry.arxivId);
  if (entry.doi) return `https://doi.org/${entry.doi}`;
  for (const kind of LINK_PREFERENCE) {
    const link = entry.links.find((l) => l.kind === kind && /^https?:\/\//i.test(l.url));
    if (link) return link.url;
  }
  return null;
}
