/**
 * Fills missing fields of arXiv entries from the enrichment cache (seeds/arxiv-cache.json), never
 * overwriting what a list gave: authors when there are none, date/year when unknown, abstract,
 * categories (added to any the lists gave), primary category, and the title when the entry has only
 * an outline label or a placeholder (the label is kept as an a.k.a.).
 */
import type { ArxivMetadata, EnrichmentCache } from './enrichment-types.ts';
import { yearOf } from './dates.ts';
import { parseName } from './names.ts';
import { compactKey } from './titles.ts';
import type { Author, PaperEntry } from './types.ts';

function authorsOf(meta: ArxivMetadata): Author[] {
  return meta.authors.map((a) => parseName(a.name)).filter((a): a is Author => a !== null);
}

export function fillFromCache(entries: readonly PaperEntry[], cache: EnrichmentCache, weakTitles: ReadonlySet<PaperEntry>): number {
  let filled = 0;
  for (const entry of entries) {
    const meta = entry.arxivId ? cache.entries[entry.arxivId] : undefined;
    if (!meta) continue;
    filled += 1;
    if (entry.authors.length === 0) entry.authors = authorsOf(meta);
    if (!entry.date && /^\d{4}-\d{2}-\d{2}/.test(meta.published)) {
      entry.date = meta.published.slice(0, 10);
      entry.year = yearOf(entry.date);
    }
    if (!entry.abstract && meta.abstract.trim()) entry.abstract = meta.abstract.replace(/\s+/g, ' ').trim();
    entry.primaryCategory ??= meta.primaryCategory;
    for (const c of meta.categories) if (!entry.categories.includes(c)) entry.categories.push(c);
    if (weakTitles.has(entry) && meta.title.trim()) {
      const label = entry.title;
      entry.title = meta.title.replace(/\s+/g, ' ').trim();
      if (!/^arXiv:/.test(label) && compactKey(label) !== compactKey(entry.title) && !entry.aka.includes(label)) entry.aka.push(label);
    }
  }
  return filled;
}

/** Titles the cache knows, by arXiv id: evidence for the nickname rule and id conflicts. */
export function cacheTitles(cache: EnrichmentCache | null | undefined): Map<string, string> {
  const titles = new Map<string, string>();
  for (const [id, meta] of Object.entries(cache?.entries ?? {})) if (meta.title.trim()) titles.set(id, meta.title.replace(/\s+/g, ' ').trim());
  return titles;
}
