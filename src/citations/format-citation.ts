import type { PaperEntry } from '../library/types.ts';
import { addArxivEprint } from './bibtex-eprint.ts';
import type { CslItem } from './csl.ts';
import { toCsl } from './csl.ts';
import { Cite } from './engine.ts';
import type { CitationFormat } from './formats.ts';
import { assignCitationKeys } from './keys.ts';
import { unwrapRisLines } from './ris.ts';

/** citation-js's names for the three reference styles it ships. */
const TEMPLATES = { apa: 'apa', vancouver: 'vancouver', harvard: 'harvard1' } as const;
type StyleFormat = keyof typeof TEMPLATES;

const isStyle = (format: CitationFormat): format is StyleFormat => format in TEMPLATES;

/**
 * BibTeX has no preprint type: arXiv's own export and the seed lists use `@misc` with eprint fields,
 * and a BibTeX `@article` would demand a journal. CSL `document` is what citation-js writes as @misc.
 */
function forBibtex(item: CslItem, dialect: 'bibtex' | 'biblatex'): CslItem {
  let out = item;
  if (out.type === 'article' && out.publisher === 'arXiv') {
    const { number: _arxivNumber, ...rest } = out;
    out = { ...rest, type: 'document' };
  }
  // citation-js writes a full date into BibTeX as `month = {jan 28}`, which BibTeX styles print
  // verbatim; classic BibTeX gets the year alone (as arXiv's export does), BibLaTeX its `date`.
  const year = out.issued?.['date-parts'][0][0];
  if (dialect === 'bibtex' && year !== undefined) out = { ...out, issued: { 'date-parts': [[year]] } };
  return out;
}

/** RIS readers take T2 as the place of publication of a JOUR record, so arXiv is named there. */
function forRis(item: CslItem): CslItem {
  return item.publisher === 'arXiv' ? { ...item, 'container-title': 'arXiv' } : item;
}

function bibtexEntry(entry: PaperEntry, item: CslItem, dialect: 'bibtex' | 'biblatex'): string {
  const text = new Cite([forBibtex(item, dialect)]).format(dialect).trim();
  if (!entry.arxivId) return `${text}\n`;
  return addArxivEprint(text, dialect, { id: entry.arxivId, primaryCategory: entry.primaryCategory });
}

/**
 * The Vancouver template in citation-js prints no DOI at all; NLM's Vancouver rules put it last,
 * after "Available from: <URL>", so it is appended there.
 */
const appendDoi = (data: Record<string, unknown>): string => (typeof data.DOI === 'string' ? ` doi:${data.DOI}` : '');

function bibliography(items: CslItem[], format: StyleFormat): string[] {
  const text = new Cite(items).format('bibliography', {
    template: TEMPLATES[format],
    lang: 'en-US',
    format: 'text',
    nosort: true,
    ...(format === 'vancouver' ? { append: appendDoi } : {}),
  });
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function formatItems(entries: readonly PaperEntry[], items: CslItem[], format: CitationFormat): string {
  switch (format) {
    case 'csl-json':
      return `${JSON.stringify(items, null, 2)}\n`;
    case 'bibtex':
    case 'biblatex':
      return entries.map((entry, i) => bibtexEntry(entry, items[i]!, format)).join('\n');
    case 'ris':
      return `${unwrapRisLines(new Cite(items.map(forRis)).format('ris')).trim()}\n`;
    default:
      return `${bibliography(items, format).join('\n\n')}\n`;
  }
}

export interface FormatCitationOptions {
  /** The citation key to use (from assignCitationKeys); defaults to the entry's own key. */
  key?: string;
}

/**
 * One entry in one format. Text styles come back as a single reference without a list number;
 * csl-json is a JSON array holding the one item. Always ends with a newline.
 */
export function formatCitation(entry: PaperEntry, format: CitationFormat, options: FormatCitationOptions = {}): string {
  const item = toCsl(entry, options.key);
  if (isStyle(format)) {
    const [reference = ''] = bibliography([item], format);
    // A lone Vancouver reference is not item "1." of anything.
    return `${format === 'vancouver' ? reference.replace(/^\d+\.\s+/, '') : reference}\n`;
  }
  return formatItems([entry], [item], format);
}

/**
 * Many entries (a whole library export) in one format, in the given order, with citation keys made
 * unique across them. Text styles come back numbered where the style numbers (Vancouver).
 */
export function formatCitations(entries: readonly PaperEntry[], format: CitationFormat): string {
  if (entries.length === 0) return format === 'csl-json' ? '[]\n' : '';
  const keys = assignCitationKeys(entries);
  const items = entries.map((entry) => toCsl(entry, keys.get(entry.id)));
  return formatItems(entries, items, format);
}
