import type { Author, PaperEntry } from '../library/types.ts';
import { arxivDoi } from '../library/arxiv-id.ts';
import { primaryUrl } from './entry-url.ts';
import { citationKey } from './keys.ts';

/**
 * CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), limited to the
 * variables paperclub fills. Built from the library's structured fields only, never from re-parsed text.
 */
export type CslName = { given: string; family: string; suffix?: string } | { literal: string };

export interface CslDate {
  'date-parts': [[number] | [number, number] | [number, number, number]];
}

export type CslType = 'article' | 'article-journal' | 'webpage' | 'document';

export interface CslItem {
  id: string;
  'citation-key': string;
  type: CslType;
  title: string;
  author?: CslName[];
  issued?: CslDate;
  publisher?: string;
  'container-title'?: string;
  /** For arXiv preprints: `arXiv:<id>`, which APA prints as "(arXiv:2201.11903)". */
  number?: string;
  /** Only for BibTeX output: the title in CSL rich text (bibtex-title.ts), swapped in for citation-js's. */
  note?: string;
  DOI?: string;
  URL?: string;
}

function toCslName(author: Author): CslName {
  if ('literal' in author) return { literal: author.literal };
  return author.suffix ? { given: author.given, family: author.family, suffix: author.suffix } : { given: author.given, family: author.family };
}

/** `2022-01-28` → [[2022, 1, 28]]; falls back to the year alone; null when neither is known. */
function toCslDate(date: string | null, year: number | null): CslDate | undefined {
  const parts = date?.match(/^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/);
  if (parts) {
    const [, y, m, d] = parts;
    if (m && d) return { 'date-parts': [[Number(y), Number(m), Number(d)]] };
    if (m) return { 'date-parts': [[Number(y), Number(m)]] };
    return { 'date-parts': [[Number(y)]] };
  }
  return year === null ? undefined : { 'date-parts': [[year]] };
}

/** Citation styles and BibTeX choke on line breaks inside a field; the library's text is one line each. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The CSL-JSON item for an entry.
 * - arXiv papers are CSL `article` (the CSL type for preprints) published by arXiv with number
 *   `arXiv:<id>`, the arXiv DOI (unless the work has another DOI) and the abstract page URL. This is
 *   the shape APA 7 wants: "Title (arXiv:2201.11903). arXiv. https://doi.org/10.48550/arXiv.2201.11903".
 * - Other works with a DOI are `article-journal`; everything else is a `webpage` with its URL.
 * `key` overrides the entry's own citation key (the library-wide unique one, see assignCitationKeys).
 */
export function toCsl(entry: PaperEntry, key: string = citationKey(entry)): CslItem {
  const item: CslItem = { id: key, 'citation-key': key, type: 'webpage', title: oneLine(entry.title) };
  if (entry.authors.length > 0) item.author = entry.authors.map(toCslName);
  const issued = toCslDate(entry.date, entry.year);
  if (issued) item.issued = issued;
  const url = primaryUrl(entry);

  if (entry.arxivId) {
    item.type = 'article';
    item.publisher = 'arXiv';
    item.number = `arXiv:${entry.arxivId}`;
    item.DOI = entry.doi ?? arxivDoi(entry.arxivId);
  } else if (entry.doi) {
    item.type = 'article-journal';
    item.DOI = entry.doi;
  }
  if (url) item.URL = url;
  return item;
}
