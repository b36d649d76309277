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
 * Other spellings people use. Plain `json` is deliberately not one of them: in the CLI
 * `export --format json` means paperclub's own entry JSON, so `json` here would be ambiguous.
 */
const ALIASES: Readonly<Record<string, CitationFormat>> = {
  bib: 'bibtex',
  csl: 'csl-json',
  csljson: 'csl-json',
  csl_json: 'csl-json',
  harvard1: 'harvard',
};

/** Case-insensitive; returns null for a name that is neither a format nor an alias. */
export function parseCitationFormat(input: string): CitationFormat | null {
  const name = input.trim().toLowerCase();
  if ((CITATION_FORMATS as readonly string[]).includes(name)) return name as CitationFormat;
  return ALIASES[name] ?? null;
}
