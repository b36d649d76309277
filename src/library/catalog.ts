/**
 * The imported library, indexed by id: what commands, jobs and the search index read. Built by the
 * import (library.ts) or restored from the build's snapshot (snapshot.ts), which needs this class
 * without the importers.
 */
import { arxivIdOf } from './arxiv-id.ts';
import { doiOf } from './links.ts';
import type { ImportReport, PaperEntry } from './types.ts';

export class Library {
  readonly entries: readonly PaperEntry[];
  readonly report: ImportReport;
  private readonly byId = new Map<string, PaperEntry>();
  private readonly byArxiv = new Map<string, PaperEntry>();
  private readonly byDoiKey = new Map<string, PaperEntry>();

  constructor(entries: PaperEntry[], report: ImportReport) {
    this.entries = entries;
    this.report = report;
    for (const entry of entries) {
      this.byId.set(entry.id.toLowerCase(), entry);
      if (entry.arxivId) this.byArxiv.set(entry.arxivId.toLowerCase(), entry);
      if (entry.doi) this.byDoiKey.set(entry.doi.toLowerCase(), entry);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** By library id, case-insensitive. */
  get(id: string): PaperEntry | undefined {
    return this.byId.get(id.trim().toLowerCase());
  }

  /** By versionless arXiv id (a versioned id or URL is reduced first). */
  byArxivId(arxivId: string): PaperEntry | undefined {
    const id = arxivIdOf(arxivId) ?? arxivId.trim();
    return this.byArxiv.get(id.toLowerCase());
  }

  /** By DOI, case-insensitive; a doi.org URL or `doi:` prefix is accepted. */
  byDoi(doi: string): PaperEntry | undefined {
    const key = doiOf(doi) ?? doi.trim();
    return this.byDoiKey.get(key.toLowerCase());
  }

  /** Exact lookup by any id form: library id, arXiv id in any form (parseArxivId), DOI, DOI URL. */
  lookup(idLike: string): PaperEntry | undefined {
    const text = idLike.trim();
    if (text === '') return undefined;
    const byId = this.get(text);
    if (byId) return byId;
    const arxiv = arxivIdOf(text);
    if (arxiv) return this.byArxiv.get(arxiv.toLowerCase());
    return this.byDoi(text);
  }

  /** The club's numbered list, in order (entries with readingOrder), as library ids. */
  readingOrder(): string[] {
    return this.entries
      .filter((e) => e.readingOrder !== null)
      .sort((a, b) => a.readingOrder! - b.readingOrder!)
      .map((e) => e.id);
  }
}
