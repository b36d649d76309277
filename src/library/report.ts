/** The import report as text, for `paperclub import --report`. */
import { clip } from '../text/clip.ts';
import { sourceKey } from './sources.ts';
import type { ImportReport, RepairKind, SeedFix } from './types.ts';

const REPAIR_LABELS: Record<RepairKind, string> = {
  mojibake: 'mojibake (UTF-8 read as Mac Roman)',
  nbsp: 'non-breaking spaces',
  'markdown-escape': 'markdown escapes',
  'html-break': '<br> inside cells',
  'bibtex-trailing': 'stray characters after a BibTeX entry',
  truncated: 'file cut off mid-link',
};

const FIX_LABELS: Record<SeedFix['kind'], string> = {
  relinked: 'moved to the paper its title names',
  'label-title': 'label is not the paper\'s name; its note names the paper',
  'fields-kept': 'kept with the linked id',
};

export function formatImportReport(report: ImportReport): string {
  const out: string[] = [];
  out.push('Sources');
  for (const f of report.files) {
    const status = f.error ? `  ERROR: ${f.error}` : '';
    out.push(`  ${f.file}  ${f.format ?? 'unrecognised'}  ${f.entries} listings${status}`);
  }

  out.push('', `Merges (${report.merges.length})`);
  for (const m of report.merges) out.push(`  ${m.id}  "${clip(m.title, 70)}"  ← ${sourceKey(m.from)} by ${m.key}`);

  out.push('', `Conflicts (${report.conflicts.length})`);
  for (const c of report.conflicts) {
    out.push(`  arXiv ${c.arxivId} is listed with different titles:`);
    for (const t of c.titles) out.push(`    ${sourceKey(t.source)}  "${clip(t.title, 80)}"`);
    out.push(`    resolution: ${c.resolution}`);
  }

  out.push('', `Repairs (${report.repairs.length})`);
  const counts = new Map<RepairKind, number>();
  for (const r of report.repairs) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  for (const [kind, n] of counts) out.push(`  ${REPAIR_LABELS[kind]}: ${n}`);
  for (const r of report.repairs.filter((x) => x.kind !== 'markdown-escape')) {
    out.push(`    ${sourceKey(r.source)}  ${r.kind}: "${clip(r.before, 60)}" → "${clip(r.after, 60)}"`);
  }

  out.push('', `Seed mistakes repaired (${report.fixes.length})`);
  for (const f of report.fixes) {
    out.push(`  ${sourceKey(f.source)}  "${clip(f.listed, 70)}" → ${f.id}: ${FIX_LABELS[f.kind]}`);
    out.push(`    evidence: ${f.evidence}`);
  }

  out.push('', `Titles from arXiv metadata; the lists' titles are kept as a.k.a. (${report.titles.length})`);
  for (const t of report.titles) out.push(`  ${t.id}  "${clip(t.title, 70)}"  ${t.listed.length > 0 ? `(lists: ${t.listed.map((l) => `"${clip(l, 50)}"`).join(', ')})` : '(no list gave a title)'}`);

  out.push('', `Dates not used (${report.dates.length})`);
  for (const d of report.dates) out.push(`  ${d.id}  ${d.date}${d.source ? ` (${sourceKey(d.source)})` : ''}: ${d.reason}`);

  const missingText = { authors: 'no authors', 'all-authors': 'authors cut with "et al."', year: 'no year' } as const;
  out.push('', `Missing authors or year (${report.missing.length})`);
  for (const m of report.missing) out.push(`  ${m.id}  "${clip(m.title, 70)}"  ${m.fields.map((f) => missingText[f]).join(', ')}`);

  out.push('', `Topics: outline names that are not papers (${report.topics.length})`);
  if (report.topics.length > 0) out.push(`  ${report.topics.map((t) => t.name).join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** An import report with nothing in it, for a library built from entries rather than seed lists. */
export function emptyImportReport(): ImportReport {
  return { files: [], merges: [], conflicts: [], repairs: [], missing: [], fixes: [], titles: [], dates: [], topics: [] };
}
