/**
 * citation-js maps no CSL variable to BibTeX's arXiv fields: its BibTeX mapping has no `eprint` at
 * all, and its BibLaTeX mapping only writes `eprint`/`eprinttype` for PubMed ids. So the arXiv fields
 * are appended to the entry citation-js wrote, in the form arXiv's own export uses
 * (`eprint`, `archivePrefix`, `primaryClass`) and the BibLaTeX equivalents (`eprinttype`, `eprintclass`).
 */

export interface ArxivEprint {
  id: string;
  primaryCategory: string | null;
}

function fields(dialect: 'bibtex' | 'biblatex', eprint: ArxivEprint): Array<[string, string]> {
  const out: Array<[string, string]> =
    dialect === 'bibtex'
      ? [['eprint', eprint.id], ['archivePrefix', 'arXiv']]
      : [['eprint', eprint.id], ['eprinttype', 'arxiv']];
  if (eprint.primaryCategory) out.push([dialect === 'bibtex' ? 'primaryClass' : 'eprintclass', eprint.primaryCategory]);
  return out;
}

/** Adds the arXiv fields before the closing brace of a single entry written by citation-js. */
export function addArxivEprint(entryText: string, dialect: 'bibtex' | 'biblatex', eprint: ArxivEprint): string {
  const close = entryText.lastIndexOf('\n}');
  if (close === -1) throw new Error(`not a citation-js ${dialect} entry: ${entryText.slice(0, 60)}`);
  const added = fields(dialect, eprint)
    .map(([name, value]) => `\t${name} = {${value}},\n`)
    .join('');
  return `${entryText.slice(0, close + 1)}${added}}\n`;
}
