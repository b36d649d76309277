/**
 * Turns arXiv API metadata into a library-shaped PaperEntry, for papers the library does not have
 * (link unfurls of arbitrary arXiv links). Such an entry has no sources: no list mentions it.
 */
import { arxivAbsUrl, arxivDoi, arxivPdfUrl } from '../library/arxiv-id.ts';
import type { Author, Link, PaperEntry } from '../library/types.ts';
import type { ArxivMetadata } from '../library/enrichment-types.ts';

// Lower-case particles that belong to the family name: "Peter H. N. de With", "Joost van der Putten".
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'le', 'la', 'dos', 'das', 'ter', 'ten']);

/** Splits an arXiv author string into given/family; a single word stays a literal name. */
export function splitAuthorName(name: string): Author {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { literal: name.trim() };
  let familyStart = words.length - 1;
  while (familyStart > 1 && PARTICLES.has(words[familyStart - 1]!)) familyStart--;
  return { given: words.slice(0, familyStart).join(' '), family: words.slice(familyStart).join(' ') };
}

export function metadataToPaperEntry(metadata: ArxivMetadata): PaperEntry {
  const id = metadata.arxivId;
  const date = /^\d{4}-\d{2}-\d{2}/.exec(metadata.published)?.[0] ?? null;
  const links: Link[] = [
    { url: arxivAbsUrl(id), kind: 'abs' },
    { url: arxivPdfUrl(id), kind: 'pdf' },
  ];
  if (metadata.doi) links.push({ url: `https://doi.org/${metadata.doi}`, kind: 'doi' });
  return {
    id,
    kind: 'arxiv',
    title: metadata.title,
    authors: metadata.authors.map((author) => splitAuthorName(author.name)),
    year: date ? Number(date.slice(0, 4)) : null,
    date,
    arxivId: id,
    doi: metadata.doi ?? arxivDoi(id),
    links,
    aka: [],
    affiliation: metadata.authors.find((author) => author.affiliation)?.affiliation ?? null,
    tags: [],
    summary: [],
    takeaway: null,
    bibtex: null,
    readingOrder: null,
    abstract: metadata.abstract || null,
    categories: metadata.categories,
    primaryCategory: metadata.primaryCategory,
    sources: [],
  };
}
