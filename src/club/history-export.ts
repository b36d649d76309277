/**
 * Exporting what the club read, through the same citation functions as `cite` and `export`. Its own
 * module because it loads citation-js: `export --history` imports it when it runs.
 */
import { formatCitations } from '../citations/format-citation.ts';
import type { CitationFormat } from '../citations/formats.ts';
import type { PaperEntry } from '../library/types.ts';
import type { PaperLookup } from '../search/resolve.ts';
import type { ArchivedSession } from './types.ts';

/** BibTeX and CSL-JSON above all; every citation format `export` writes works. */
export type HistoryExportFormat = CitationFormat;

export interface HistoryExport {
  text: string;
  /** Papers the club read, in reading order (first read first, each once). */
  papers: PaperEntry[];
  /** Paper ids in the archive that the library no longer has (left out of the export). */
  missing: string[];
}

/**
 * What the club read as BibTeX or CSL-JSON, oldest session first, each paper once, through the same
 * citation functions as `cite` and `export` (keys unique across the export).
 */
export async function exportHistory(archive: readonly ArchivedSession[], library: PaperLookup, format: HistoryExportFormat): Promise<HistoryExport> {
  const seen = new Set<string>();
  const papers: PaperEntry[] = [];
  const missing: string[] = [];
  for (const session of [...archive].sort((a, b) => a.number - b.number)) {
    if (seen.has(session.paperId)) continue;
    seen.add(session.paperId);
    const entry = library.get(session.paperId);
    if (entry) papers.push(entry);
    else missing.push(session.paperId);
  }
  return { text: await formatCitations(papers, format), papers, missing };
}
