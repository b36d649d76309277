import { parseArxivId } from '../library/arxiv-id.ts';
import { doiOf } from '../library/links.ts';
import type { PaperEntry } from '../library/types.ts';

/**
 * Exact identifier lookup for queries that are ids rather than words: a library id, an arXiv id in
 * any form (`arXiv:2312.00752v2`, abs/pdf URLs, `10.48550/arXiv.…`), a DOI, or a link a list gave.
 */

/** `https://www.Reddit.com/r/x/` → `reddit.com/r/x`: scheme, `www.`, query-less trailing slash ignored. */
export function normalizeUrl(url: string): string | null {
  const text = url.trim();
  const withScheme = /^https?:\/\//i.test(text) ? text : /^[\w-]+(\.[\w-]+)+\//.test(text) ? `https://${text}` : null;
  if (withScheme === null) return null;
  try {
    const u = new URL(withScheme);
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    const path = decodeURIComponent(u.pathname).replace(/\/+$/, '');
    return `${host}${path}${u.search}`;
  } catch {
    return null;
  }
}

/** Does the text look like an identifier (so a miss means "not in the library", not "search the words")? */
export function looksLikeId(text: string): boolean {
  const t = text.trim();
  // `arXiv:` announces an id even when what follows is malformed (`arXiv:1999.99999`).
  return /^arxiv:\s*\S*\d\S*$/i.test(t) || parseArxivId(t).ok || doiOf(t) !== null || normalizeUrl(t) !== null;
}

export class IdMatcher {
  private readonly byId = new Map<string, PaperEntry>();
  private readonly byArxiv = new Map<string, PaperEntry>();
  private readonly byDoi = new Map<string, PaperEntry>();
  private readonly byUrl = new Map<string, PaperEntry>();

  constructor(entries: readonly PaperEntry[]) {
    for (const entry of entries) {
      setOnce(this.byId, entry.id.toLowerCase(), entry);
      if (entry.arxivId) setOnce(this.byArxiv, entry.arxivId.toLowerCase(), entry);
      if (entry.doi) setOnce(this.byDoi, entry.doi.toLowerCase(), entry);
      for (const link of entry.links) {
        const key = normalizeUrl(link.url);
        if (key !== null) setOnce(this.byUrl, key, entry);
      }
    }
  }

  /** The entry the text identifies exactly, or undefined. */
  match(text: string): PaperEntry | undefined {
    const t = text.trim();
    if (t === '') return undefined;
    const direct = this.byId.get(t.toLowerCase());
    if (direct) return direct;
    const arxiv = parseArxivId(t);
    if (arxiv.ok) {
      const hit = this.byArxiv.get(arxiv.id.toLowerCase());
      if (hit) return hit;
    }
    // DOIs compare case-insensitively.
    const doi = doiOf(t)?.toLowerCase() ?? null;
    if (doi !== null) {
      const hit = this.byDoi.get(doi);
      if (hit) return hit;
    }
    const url = normalizeUrl(t);
    return url === null ? undefined : this.byUrl.get(url);
  }
}

/** First writer wins, so a link two entries share resolves to the earlier (library-order) entry. */
function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}
