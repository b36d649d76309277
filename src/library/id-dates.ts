/**
 * Dates checked against arXiv ids. An arXiv id encodes the month its paper was first announced, so a
 * date earlier than that month (beyond the announcement grace, dates.ts) is a list's mistake: 002 dates
 * LoraHub (2307.13269) "Jun. 2023". Such dates are reported and not used. A paper nothing dates gets
 * the month its id encodes, so its citations carry a year instead of "n.d.".
 */
import { arxivIdMonth, contradictsArxivId, yearOf } from './dates.ts';
import type { MetadataIndex } from './metadata.ts';
import type { RawRecord } from './raw.ts';
import type { ImportReport, PaperEntry } from './types.ts';

type DateReport = ImportReport['dates'][number];

/** The first version's day from the arXiv metadata, when it has one that fits the id. */
export function firstVersionDay(metadata: MetadataIndex, arxivId: string): string | null {
  const published = metadata.get(arxivId)?.published ?? null;
  return published && published.length === 10 && !contradictsArxivId(published, arxivId) ? published : null;
}

/**
 * Drops every listed date that contradicts its record's arXiv id, or the first version's day the
 * metadata gives (in place), and reports it.
 */
export function dropContradictingDates(records: readonly RawRecord[], metadata: MetadataIndex): DateReport[] {
  const dropped: DateReport[] = [];
  for (const record of records) {
    if (!record.arxivId || !record.date) continue;
    const reason = contradictsArxivId(record.date, record.arxivId, firstVersionDay(metadata, record.arxivId));
    if (!reason) continue;
    dropped.push({ id: record.arxivId, date: record.date, source: { ...record.source }, reason });
    record.date = null;
  }
  return dropped;
}

/** Last resort for the year: an arXiv paper no list and no metadata dated gets its id's month. */
export function dateFromIds(entries: readonly PaperEntry[]): void {
  for (const entry of entries) {
    if (entry.date !== null || !entry.arxivId) continue;
    entry.date = arxivIdMonth(entry.arxivId);
    entry.year = yearOf(entry.date);
  }
}
