/** Helpers that read our citation output back with citation-js, as a reference manager would. */
import { Cite, readBibtexEntries } from '../../../src/citations/engine.ts';
import type { Author } from '../../../src/library/types.ts';

export interface ReadBack {
  title: string;
  authors: string[];
  doi: string | null;
  url: string | null;
}

function nameOf(raw: unknown): string {
  const n = raw as { given?: string; family?: string; literal?: string; 'non-dropping-particle'?: string; 'dropping-particle'?: string };
  if (n.literal) return n.literal;
  return [n.given, n['dropping-particle'], n['non-dropping-particle'], n.family].filter(Boolean).join(' ');
}

export const displayName = (author: Author): string => ('literal' in author ? author.literal : `${author.given} ${author.family}`);

/** Parses BibTeX, BibLaTeX or RIS text with citation-js into the fields a round trip must keep. */
export function readBack(text: string): ReadBack[] {
  return new Cite(text).data.map((item) => ({
    title: String(item.title),
    authors: Array.isArray(item.author) ? item.author.map(nameOf) : [],
    doi: typeof item.DOI === 'string' ? item.DOI : null,
    url: typeof item.URL === 'string' ? item.URL : null,
  }));
}

/** The raw BibTeX fields (lower-cased names) of each entry, as citation-js's tokenizer reads them. */
export function bibtexFields(text: string): Array<Record<string, string>> {
  return readBibtexEntries(text).map((e) => e.properties);
}
