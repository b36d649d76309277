import type { PaperEntry } from '../library/types.ts';
import { addArxivEprint } from './bibtex-eprint.ts';
import { titleWithProtectedWords } from './bibtex-title.ts';
import type { CslItem } from './csl.ts';
import { toCsl } from './csl.ts';
import { Cite, loadCitationStyles } from './engine.ts';
import type { CitationFormat } from './formats.ts';
import { assignCitationKeys } from './keys.ts';
import { padRisDates, unwrapRisLines } from './ris.ts';

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

/**
 * A preprint is not a journal article: RIS has no preprint type, and Zotero exports its preprints as
 * `TY  - GEN` (its RIS translator maps no type for them), with arXiv as publisher (`PB`). CSL
 * `document` is what citation-js writes as GEN.
 */
function forRis(item: CslItem): CslItem {
  if (!(item.type === 'article' && item.publisher === 'arXiv')) return item;
  return { ...item, type: 'document' };
}

/** One `\tname = {value},` line of citation-js's BibTeX output. */
const fieldLine = (name: string): RegExp => new RegExp(`^\\t${name} = \\{(.*)\\},$`, 'm');

/**
 * citation-js braces every capitalised word of a title (`Low-{Rank} {Adaptation}`), so the title is
 * written a second time as a `note` with only the words that need it in `nocase` spans (which
 * citation-js escapes the same way and braces), and that value replaces the title.
 */
function protectTitle(text: string): string {
  const note = fieldLine('note').exec(text);
  if (!note) return text;
  const value = note[1]!;
  return text.replace(`${note[0]}\n`, '').replace(fieldLine('title'), () => `\ttitle = {${value}},`);
}

/** A list that ended in "et al." stays open: BibTeX's `and others` (styles print "et al."). */
function addOthers(text: string): string {
  return text.replace(fieldLine('author'), (line) => line.replace(/\},$/, ' and others},'));
}

function bibtexEntry(entry: PaperEntry, item: CslItem, dialect: 'bibtex' | 'biblatex'): string {
  let text = new Cite([{ ...forBibtex(item, dialect), note: titleWithProtectedWords(item.title) }]).format(dialect).trim();
  text = protectTitle(text);
  if (entry.authorsTruncated && item.author) text = addOthers(text);
  if (!entry.arxivId) return `${text}\n`;
  return addArxivEprint(text, dialect, { id: entry.arxivId, primaryCategory: entry.primaryCategory });
}

/**
 * A stand-in last author for a list that ended in "et al.": citation-js cannot be told a list is
 * incomplete, so the styles format it as one more name and it is replaced by "et al." the way each
 * style writes it (APA and Vancouver after a comma, Harvard after a space). A style that abbreviates
 * long lists itself (Vancouver past six, Harvard past three) never prints it.
 */
const ET_AL = 'PAPERCLUBETALSENTINEL';
const ET_AL_TEXT: Record<StyleFormat, string> = { apa: ', et al.', vancouver: ', et al.', harvard: ' et al.' };

function withEtAl(item: CslItem, entry: PaperEntry): CslItem {
  return entry.authorsTruncated && item.author ? { ...item, author: [...item.author, { literal: ET_AL }] } : item;
}

const replaceEtAl = (reference: string, format: StyleFormat): string =>
  reference.replace(new RegExp(`,?\\s*(?:&|and|…)?\\s*${ET_AL}\\.?`), ET_AL_TEXT[format]);

/**
 * The Vancouver template in citation-js prints no DOI at all; NLM's Vancouver rules put it last,
 * after "Available from: <URL>", so it is appended there.
 */
const appendDoi = (data: Record<string, unknown>): string => (typeof data.DOI === 'string' ? ` doi:${data.DOI}` : '');

function bibliography(entries: readonly PaperEntry[], cslItems: CslItem[], format: StyleFormat): string[] {
  const items = cslItems.map((item, i) => withEtAl(item, entries[i]!));
  const text = new Cite(items).format('bibliography', {
    template: TEMPLATES[format],
    lang: 'en-US',
    format: 'text',
    nosort: true,
    ...(format === 'vancouver' ? { append: appendDoi } : {}),
  });
  return text
    .split('\n')
    .map((line) => replaceEtAl(line.trim(), format))
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
      return `${padRisDates(unwrapRisLines(new Cite(items.map(forRis)).format('ris'))).trim()}\n`;
    default:
      return `${bibliography(entries, items, format).join('\n\n')}\n`;
  }
}

export interface FormatCitationOptions {
  /** The citation key to use (from assignCitationKeys); defaults to the entry's own key. */
  key?: string;
}

/**
 * One entry in one format. Text styles come back as a single reference without a list number;
 * csl-json is a JSON array holding the one item. Always ends with a newline. Asynchronous because a
 * text style loads citation-js's styles the first time (engine.ts).
 */
export async function formatCitation(entry: PaperEntry, format: CitationFormat, options: FormatCitationOptions = {}): Promise<string> {
  const item = toCsl(entry, options.key);
  if (isStyle(format)) {
    await loadCitationStyles();
    const [reference = ''] = bibliography([entry], [item], format);
    // A lone Vancouver reference is not item "1." of anything.
    return `${format === 'vancouver' ? reference.replace(/^\d+\.\s+/, '') : reference}\n`;
  }
  return formatItems([entry], [item], format);
}

/**
 * Many entries (a whole library export) in one format, in the given order, with citation keys made
 * unique across them. Text styles come back numbered where the style numbers (Vancouver).
 */
export async function formatCitations(entries: readonly PaperEntry[], format: CitationFormat): Promise<string> {
  if (entries.length === 0) return format === 'csl-json' ? '[]\n' : '';
  if (isStyle(format)) await loadCitationStyles();
  const keys = assignCitationKeys(entries);
  const items = entries.map((entry) => toCsl(entry, keys.get(entry.id)));
  return formatItems(entries, items, format);
}
