/**
 * For arXiv papers the arXiv metadata is the reference (metadata.ts): it gives the title, the complete
 * author list, the v1 date, the categories and the abstract, and says where it came from. What the
 * lists gave is kept where the metadata is silent (affiliation, takeaway, tags, notes; categories and a
 * date when it has none). A list's different title becomes an a.k.a., the club's name for the paper:
 * `RAG: Retrieval-Augmented …` leaves `RAG`, an outline label (`DNO`) stays as it is, a former or
 * shorthand title stays whole; a shouted copy of the same title (`TRAIN SHORT, TEST LONG: …`) is no name.
 */
import { contradictsArxivId, yearOf } from './dates.ts';
import { describeProvenance, type MetadataIndex, type MetadataRecord } from './metadata.ts';
import type { RawRecord } from './raw.ts';
import { compactKey, contentTokens, isAllCaps, SAME_TITLE_THRESHOLD, SAME_WORK_THRESHOLD, splitPrefix, titleSimilarity } from './titles.ts';
import type { ImportReport, PaperEntry, SeedFix } from './types.ts';

export interface MetadataOutcome {
  fixes: SeedFix[];
  titles: ImportReport['titles'];
  dates: ImportReport['dates'];
}

/** The a.k.a. a list's title leaves when arXiv's title replaces it, or null when it is no name. */
function akaFromListedTitle(listed: string, title: string): string | null {
  if (compactKey(listed) === compactKey(title)) return null;
  const split = splitPrefix(listed);
  if (split && compactKey(split.rest) === compactKey(title)) return split.prefix;
  if (isAllCaps(listed) && titleSimilarity(listed, title) >= SAME_TITLE_THRESHOLD) return null;
  return listed;
}

/** A label that is one of the paper's names: its title head, or words of its title. */
function labelNamesPaper(label: string, title: string): boolean {
  const key = compactKey(label);
  const head = splitPrefix(title)?.prefix;
  return (head !== undefined && compactKey(head) === key) || compactKey(title).includes(key) || titleSimilarity(label, title) >= SAME_WORK_THRESHOLD;
}

/** A note names the paper when every content word of it is a word of the title ("Multi-token prediction"). */
function noteNamesTitle(note: string, title: string): boolean {
  const words = contentTokens(note);
  const titleWords = contentTokens(title);
  return words.size > 0 && [...words].every((w) => titleWords.has(w));
}

function applyTitle(entry: PaperEntry, members: readonly RawRecord[], record: MetadataRecord, out: MetadataOutcome): void {
  const title = record.title;
  const listedTitles = members.filter((r) => !r.detached && r.title && !r.titleIsLabel).map((r) => r.title!);
  const labels = members.filter((r) => !r.detached && r.title && r.titleIsLabel);
  const names = [...listedTitles.map((t) => akaFromListedTitle(t, title)), ...labels.map((r) => (compactKey(r.title!) === compactKey(title) ? null : r.title!))];
  const aka = [...entry.aka, ...names.filter((n): n is string => n !== null)];
  const seen = new Set<string>();
  entry.aka = aka.filter((a) => {
    const key = a.toLowerCase();
    if (seen.has(key) || compactKey(a) === compactKey(title)) return false;
    seen.add(key);
    return true;
  });
  if (compactKey(entry.title) !== compactKey(title)) {
    const listed = [...new Set([...listedTitles, ...labels.map((r) => r.title!)])].filter((t) => compactKey(t) !== compactKey(title));
    out.titles.push({ id: record.arxivId, title, listed });
  }
  entry.title = title;
  for (const label of labels) {
    const note = label.summary[0];
    if (!note || labelNamesPaper(label.title!, title) || !noteNamesTitle(note, title)) continue;
    out.fixes.push({
      kind: 'label-title',
      source: { ...label.source },
      id: record.arxivId,
      listed: label.title!,
      evidence: `the label is not this paper's name, but its note "${note}" names its title "${title}" (${describeProvenance(record.provenance)}); the label stays as an a.k.a.`,
    });
  }
}

function applyDate(entry: PaperEntry, record: MetadataRecord, out: MetadataOutcome): void {
  if (!record.published) return;
  const reason = contradictsArxivId(record.published, record.arxivId);
  if (reason) {
    out.dates.push({ id: record.arxivId, date: record.published, source: null, reason: `${reason} (${describeProvenance(record.provenance)})` });
    return;
  }
  entry.date = record.published;
  entry.year = yearOf(entry.date);
}

function applyCategories(entry: PaperEntry, record: MetadataRecord): void {
  entry.primaryCategory = record.primaryCategory ?? entry.primaryCategory;
  const from = record.categories.length > 0 ? record.categories : entry.categories;
  entry.categories = [...new Set([...(entry.primaryCategory ? [entry.primaryCategory] : []), ...from])];
}

export function applyMetadata(
  entries: readonly PaperEntry[],
  members: ReadonlyMap<PaperEntry, readonly RawRecord[]>,
  metadata: MetadataIndex,
): MetadataOutcome {
  const out: MetadataOutcome = { fixes: [], titles: [], dates: [] };
  for (const entry of entries) {
    const record = entry.arxivId ? metadata.get(entry.arxivId) : undefined;
    if (!record) continue;
    applyTitle(entry, members.get(entry) ?? [], record, out);
    if (record.authors.length > 0) {
      entry.authors = record.authors.map((a) => ({ ...a }));
      delete entry.authorsTruncated;
    }
    applyDate(entry, record, out);
    applyCategories(entry, record);
    entry.abstract = record.abstract ?? entry.abstract;
    entry.provenance = record.provenance;
  }
  return out;
}
