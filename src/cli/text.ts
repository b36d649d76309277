/** Plain-text renderings for a terminal. JSON output lives in json.ts. */
import { primaryUrl } from '../citations/entry-url.ts';
import { authorName } from '../library/names.ts';
import type { PaperEntry } from '../library/types.ts';
import { provenanceLine } from '../messages/cards.ts';
import type { SearchHit } from '../search/search-index.ts';

const MAX_AUTHORS_SHOWN = 4;
/** The value column of `show`: the longest label ("Also known as:", "Reading order:") plus two spaces. */
const LABEL_WIDTH = 16;

function authorLine(entry: PaperEntry): string {
  if (entry.authors.length === 0) return 'unknown authors';
  const names = entry.authors.slice(0, MAX_AUTHORS_SHOWN).map(authorName);
  const more = entry.authors.length - names.length;
  if (entry.authorsTruncated) return `${names.join(', ')} et al.`;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

function idLine(entry: PaperEntry): string {
  const parts = [entry.arxivId ? `arXiv:${entry.arxivId}` : entry.doi ? `doi:${entry.doi}` : `id:${entry.id}`];
  const url = primaryUrl(entry);
  if (url) parts.push(url);
  return parts.join('  ');
}

export function renderSearchHits(query: string, hits: readonly SearchHit[]): string {
  if (hits.length === 0) return `No papers match "${query}".\n`;
  const width = String(hits.length).length;
  return hits
    .map(({ entry }, i) => {
      const pad = ' '.repeat(width + 2);
      const year = entry.year === null ? '' : ` (${entry.year})`;
      return `${String(i + 1).padStart(width)}. ${entry.title}${year}\n${pad}${authorLine(entry)}\n${pad}${idLine(entry)}\n`;
    })
    .join('\n');
}

export function renderEntry(entry: PaperEntry): string {
  const lines = [entry.title, ''];
  const field = (label: string, value: string | null | undefined) => {
    if (value) lines.push(`${label.padEnd(LABEL_WIDTH)}${value}`);
  };
  field('Authors:', entry.authors.length > 0 ? `${entry.authors.map(authorName).join(', ')}${entry.authorsTruncated ? ' et al.' : ''}` : null);
  field('Date:', entry.date ?? (entry.year === null ? null : String(entry.year)));
  field('Library id:', entry.id);
  field('arXiv:', entry.arxivId);
  field('DOI:', entry.doi);
  field('URL:', primaryUrl(entry));
  field('Also known as:', entry.aka.join(', '));
  field('Affiliation:', entry.affiliation);
  field('Tags:', entry.tags.join(', '));
  field('Categories:', entry.categories.join(', '));
  field('Reading order:', entry.readingOrder === null ? null : `#${entry.readingOrder}`);
  field('Takeaway:', entry.takeaway);
  field('Data from:', provenanceLine(entry.provenance));
  const list = (label: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push('', label, ...items.map((item) => `  - ${item}`));
  };
  list('Summary:', entry.summary);
  if (entry.abstract) lines.push('', 'Abstract:', `  ${entry.abstract}`);
  list('Links:', entry.links.map((link) => `${link.url} (${link.label ?? link.kind})`));
  list('Listed in:', entry.sources.map((source) => `${source.list} (${source.file}:${source.line})`));
  return `${lines.join('\n')}\n`;
}
