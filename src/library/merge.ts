/**
 * Merges raw records into one entry per work.
 *
 * Keys: the same arXiv id; the same non-arXiv DOI; the same normalised title; an outline label with no
 * id that equals exactly one work's a.k.a. Two groups that carry different arXiv ids never merge,
 * whatever their titles say. Id conflicts (one id, different papers) are resolved first (conflicts.ts).
 * Each field keeps the richest value; tags, aka, links, summary and sources are unions. A detached
 * record (detach.ts) lends its affiliation and date to the paper its id names, after that paper's own
 * listings, and is not one of its sources; alone, it makes no entry.
 */
import { arxivAbsUrl, arxivDoi } from './arxiv-id.ts';
import { resolveIdConflicts } from './conflicts.ts';
import { datePrecision, yearOf } from './dates.ts';
import { urlKey } from './links.ts';
import { resolveNicknames } from './nicknames.ts';
import type { RawRecord } from './raw.ts';
import { compareSources, sourceKey } from './sources.ts';
import { compactKey, isAllCaps } from './titles.ts';
import type { EntryKind, ImportReport, Link, PaperEntry, SeedFix, SourceRef } from './types.ts';

export type MergeKey = ImportReport['merges'][number]['key'];

export interface MergeEvent {
  entry: PaperEntry;
  from: SourceRef;
  key: MergeKey;
}

export interface MergeResult {
  /** Entries in seed order, ids not yet assigned (empty strings). */
  entries: PaperEntry[];
  events: MergeEvent[];
  conflicts: ImportReport['conflicts'];
  /** Affiliations and dates kept with an id when a conflicting listing moved away (detach.ts). */
  fixes: SeedFix[];
  /** The records each entry was built from, for the steps after merging (arXiv metadata). */
  members: Map<PaperEntry, readonly RawRecord[]>;
}

class Components {
  private readonly parent: number[];
  private readonly ids: Array<string | null>;
  readonly edges: Array<{ a: number; b: number; key: MergeKey }> = [];

  constructor(records: readonly RawRecord[]) {
    this.parent = records.map((_, i) => i);
    this.ids = records.map((r) => r.arxivId);
  }

  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  /** Joins two groups unless they carry different arXiv ids. */
  union(a: number, b: number, key: MergeKey): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const ia = this.ids[ra];
    const ib = this.ids[rb];
    if (ia && ib && ia !== ib) return false;
    this.parent[rb] = ra;
    this.ids[ra] = ia ?? ib ?? null;
    this.edges.push({ a, b, key });
    return true;
  }
}

function joinOnKey(records: readonly RawRecord[], groups: Components, key: MergeKey, keyOf: (r: RawRecord) => string | null): void {
  const first = new Map<string, number>();
  records.forEach((r, i) => {
    const k = keyOf(r);
    if (!k) return;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, i);
    else groups.union(seen, i, key);
  });
}

/** An outline label with no id names a work when it equals exactly one group's a.k.a. */
function joinLabelsOnAka(records: readonly RawRecord[], groups: Components): void {
  const akaOwners = new Map<string, Set<number>>();
  records.forEach((r, i) => {
    for (const aka of r.aka) {
      const k = compactKey(aka);
      akaOwners.set(k, (akaOwners.get(k) ?? new Set()).add(groups.find(i)));
    }
  });
  records.forEach((r, i) => {
    if (!r.titleIsLabel || r.arxivId || r.doi || !r.title) return;
    const owners = akaOwners.get(compactKey(r.title));
    if (owners && owners.size === 1) groups.union([...owners][0]!, i, 'aka');
  });
}

function bestTitle(members: RawRecord[]): string | null {
  const full = members.filter((r) => r.title && !r.titleIsLabel).map((r) => r.title!);
  const pool = full.length > 0 ? full : members.filter((r) => r.title).map((r) => r.title!);
  if (pool.length === 0) return null;
  const ranked = [...pool].sort((a, b) => Number(isAllCaps(a)) - Number(isAllCaps(b)) || b.length - a.length);
  return ranked[0]!;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function kindOf(arxivId: string | null, doi: string | null, members: RawRecord[], links: Link[]): EntryKind {
  if (arxivId) return 'arxiv';
  if (doi) return 'article';
  const isPaper = members.every((r) => !r.notAPaper);
  // A paper PDF hosted outside arXiv (OpenAI's GPT-2 paper, Platypus) is an article; blogs, repos
  // and posts are web pages.
  return isPaper && links.some((l) => l.kind === 'pdf') ? 'article' : 'web';
}

function buildEntry(all: RawRecord[], listNames: ReadonlyMap<string, string>): PaperEntry {
  // A detached record's fields come after the paper's own listings'.
  const members = [...all.filter((r) => !r.detached), ...all.filter((r) => r.detached)];
  const listings = members.filter((r) => !r.detached);
  const arxivId = members.find((r) => r.arxivId)?.arxivId ?? null;
  const title = bestTitle(members);
  const authorSource = [...members]
    .filter((r) => r.authors.length > 0)
    .sort((a, b) => Number(a.authorsTruncated) - Number(b.authorsTruncated) || b.authors.length - a.authors.length)[0];
  const date = [...members].filter((r) => r.date).sort((a, b) => Number(a.detached) - Number(b.detached) || datePrecision(b.date) - datePrecision(a.date))[0]?.date ?? null;
  const givenDoi = members.find((r) => r.doi)?.doi ?? null;
  const doi = givenDoi ?? (arxivId ? arxivDoi(arxivId) : null);
  const given = members.flatMap((r) => r.links);
  const canonical: Link[] = arxivId ? [{ url: arxivAbsUrl(arxivId), kind: 'abs' }] : [];
  const links = uniqueBy([...canonical, ...given], (l) => urlKey(l.url));
  const fallbackTitle = arxivId ? `arXiv:${arxivId}` : (links[0]?.url ?? 'Untitled');
  const finalTitle = title ?? fallbackTitle;
  const labels = members.filter((r) => r.titleIsLabel && r.title).map((r) => r.title!);
  const aka = uniqueBy(
    [...members.flatMap((r) => r.aka), ...labels].filter((a) => compactKey(a) !== compactKey(finalTitle) && a.trim() !== ''),
    (a) => a.toLowerCase(),
  );
  const primaryCategory = members.find((r) => r.primaryCategory)?.primaryCategory ?? null;
  const orders = members.map((r) => r.readingOrder).filter((n): n is number => n !== null);
  const entry: PaperEntry = {
    id: '',
    kind: kindOf(arxivId, givenDoi, listings, links),
    title: finalTitle,
    authors: authorSource ? authorSource.authors.map((a) => ({ ...a })) : [],
    year: yearOf(date),
    date,
    arxivId,
    doi,
    links,
    aka,
    affiliation: members.find((r) => r.affiliation)?.affiliation ?? null,
    tags: uniqueBy(members.flatMap((r) => r.tags).filter((t) => t.trim() !== ''), (t) => t.toLowerCase()),
    summary: uniqueBy(members.flatMap((r) => r.summary), (s) => s),
    takeaway: members.find((r) => r.takeaway)?.takeaway ?? null,
    bibtex: members.find((r) => r.bibtex)?.bibtex ?? null,
    readingOrder: orders.length > 0 ? Math.min(...orders) : null,
    abstract: null,
    categories: primaryCategory ? [primaryCategory] : [],
    primaryCategory,
    sources: uniqueBy(listings.map((r) => ({ ...r.source, list: listNames.get(r.source.file) ?? r.source.file })), sourceKey),
    provenance: { source: 'reading-list' },
  };
  if (authorSource?.authorsTruncated) entry.authorsTruncated = true;
  return entry;
}

/** For each member other than the first, the key of the edge it joined through (breadth-first). */
function joinKeys(members: number[], edges: Components['edges']): Map<number, MergeKey> {
  const inGroup = new Set(members);
  const adjacent = new Map<number, Array<{ to: number; key: MergeKey }>>();
  for (const e of edges) {
    if (!inGroup.has(e.a)) continue;
    adjacent.set(e.a, [...(adjacent.get(e.a) ?? []), { to: e.b, key: e.key }]);
    adjacent.set(e.b, [...(adjacent.get(e.b) ?? []), { to: e.a, key: e.key }]);
  }
  const keys = new Map<number, MergeKey>();
  const queue = [members[0]!];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const { to, key } of adjacent.get(at) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      keys.set(to, key);
      queue.push(to);
    }
  }
  return keys;
}

/**
 * `arxivTitles` (arXiv's titles by id) are evidence for the nickname rule and id conflicts;
 * `listNames` names each seed file for the entries' sources.
 */
export function mergeRecords(input: RawRecord[], arxivTitles: ReadonlyMap<string, string>, listNames: ReadonlyMap<string, string>): MergeResult {
  const sorted = [...input].sort((a, b) => compareSources(a.source, b.source));
  resolveNicknames(sorted, arxivTitles);
  const resolved = resolveIdConflicts(sorted, arxivTitles);
  const records = [...sorted, ...resolved.detached].sort((a, b) => compareSources(a.source, b.source) || Number(a.detached) - Number(b.detached));
  const groups = new Components(records);
  joinOnKey(records, groups, 'arxiv', (r) => r.arxivId);
  joinOnKey(records, groups, 'doi', (r) => (r.doi ? r.doi.toLowerCase() : null));
  joinOnKey(records, groups, 'title', (r) => (r.title ? compactKey(r.title) || null : null));
  joinLabelsOnAka(records, groups);

  const byRoot = new Map<number, number[]>();
  records.forEach((_, i) => {
    const root = groups.find(i);
    byRoot.set(root, [...(byRoot.get(root) ?? []), i]);
  });
  const entries: PaperEntry[] = [];
  const events: MergeEvent[] = [];
  const members = new Map<PaperEntry, readonly RawRecord[]>();
  for (const group of byRoot.values()) {
    const groupRecords = group.map((i) => records[i]!);
    // Fields a moved listing left behind make no paper of their own.
    if (groupRecords.every((r) => r.detached)) continue;
    const entry = buildEntry(groupRecords, listNames);
    entries.push(entry);
    members.set(entry, groupRecords);
    // Merge events start from the entry's first own listing, never from a detached record.
    const ordered = [...group.filter((i) => !records[i]!.detached), ...group.filter((i) => records[i]!.detached)];
    for (const [index, key] of joinKeys(ordered, groups.edges)) {
      if (!records[index]!.detached) events.push({ entry, from: { ...records[index]!.source }, key });
    }
  }
  entries.sort((a, b) => compareSources(a.sources[0]!, b.sources[0]!));
  return { entries, events, conflicts: resolved.conflicts, fixes: resolved.fixes, members };
}
