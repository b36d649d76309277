/** The citation formats paperclub produces, and the names people may type for them. */

export type CitationFormat = 'bibtex' | 'biblatex' | 'ris' | 'csl-json' | 'apa' | 'vancouver' | 'harvard';

export const CITATION_FORMATS: readonly CitationFormat[] = [
  'bibtex',
  'biblatex',
  'ris',
  'csl-json',
  'apa',
  'vancouver',
  'harvard',
];

/**
 * The one table of other spellings, read by chat, the CLI and buttons alike. Plain `json` is
 * deliberately not one of them: `export --format json` means paperclub's own entry JSON, so `json`
 * here would be ambiguous.
 */
export const CITATION_FORMAT_ALIASES: Readonly<Record<string, CitationFormat>> = {
  bib: 'bibtex',
  csl: 'csl-json',
  csljson: 'csl-json',
  csl_json: 'csl-json',
  harvard1: 'harvard',
};

/**
 * Names of citation styles and files paperclub does not produce. A trailing one (`cite dpo mla`) is
 * read as a format and refused with the list of formats, never searched for as part of the title.
 */
export const OTHER_CITATION_STYLES: readonly string[] = ['mla', 'chicago', 'ieee', 'acm', 'ama', 'turabian', 'endnote', 'refworks', 'mods', 'json', 'xml', 'csv'];

/** Case-insensitive; returns null for a name that is neither a format nor an alias. */
export function parseCitationFormat(input: string): CitationFormat | null {
  const name = input.trim().toLowerCase();
  if ((CITATION_FORMATS as readonly string[]).includes(name)) return name as CitationFormat;
  return CITATION_FORMAT_ALIASES[name] ?? null;
}
