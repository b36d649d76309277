/**
 * Turns arXiv API metadata into a library-shaped PaperEntry, for papers the library does not have
 * (link unfurls of arbitrary arXiv links). Such an entry has no sources: no list mentions it.
 */
import { arxivAbsUrl, arxivDoi, arxivPdfUrl } from '../library/arxiv-id.ts';
import { authorsFromMetadata } from '../library/metadata.ts';
import type { Link, PaperEntry } from '../library/types.ts';
import type { ArxivMetadata } from '../library/metadata-files.ts';

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
    authors: authorsFromMetadata(metadata),
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
    provenance: { source: 'arxiv-api' },
  };
}
