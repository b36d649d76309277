/**
 * The arXiv metadata the library trusts for arXiv papers, one record per id: the arXiv API's own record
 * from the enrichment cache when `paperclub enrich` fetched it, else the compiled references shipped in
 * seeds/arxiv-metadata.json. The API wins entry by entry; each record says where it came from.
 */
import type { ArxivMetadata, CompiledMetadata, EnrichmentCache } from './metadata-files.ts';
import { parseName } from './names.ts';
import { compactKey, SAME_TITLE_THRESHOLD, similarityOfTokens, titleTokens } from './titles.ts';
import type { Author, MetadataProvenance } from './types.ts';

export interface MetadataRecord {
  arxivId: string;
  /** Whitespace collapsed. */
  title: string;
  authors: Author[];
  /** v1 date as precise as the record knows it (`YYYY-MM-DD` or `YYYY-MM`), or null. */
  published: string | null;
  abstract: string | null;
  categories: string[];
  primaryCategory: string | null;
  provenance: Exclude<MetadataProvenance, { source: 'reading-list' }>;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Names as arXiv writes them (`Given Family`), parsed like the lists' names; unparseable ones dropped. */
export function authorsFromMetadata(meta: Pick<ArxivMetadata, 'authors'>): Author[] {
  return meta.authors.map((a) => parseName(a.name)).filter((a): a is Author => a !== null);
}

/** `2017-06-12T17:57:34Z` → `2017-06-12`; `2017-06` stays; anything else → null. */
export function publishedDate(published: string): string | null {
  return /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?(?=$|T)/.exec(published)?.[0] ?? null;
}

function toRecord(meta: ArxivMetadata, provenance: MetadataRecord['provenance']): MetadataRecord {
  return {
    arxivId: meta.arxivId,
    title: oneLine(meta.title),
    authors: authorsFromMetadata(meta),
    published: publishedDate(meta.published),
    abstract: oneLine(meta.abstract) || null,
    categories: [...meta.categories],
    primaryCategory: meta.primaryCategory,
    provenance,
  };
}

export class MetadataIndex {
  private readonly records = new Map<string, MetadataRecord>();
  /** Each record's title as a compact key and as content words, built on the first title lookup. */
  private titleIndex: Array<{ record: MetadataRecord; key: string; tokens: Array<Set<string>> }> | null = null;

  constructor(api: EnrichmentCache | null = null, compiled: CompiledMetadata | null = null) {
    for (const [id, meta] of Object.entries(compiled?.entries ?? {})) {
      if (meta.title.trim()) this.records.set(id, toRecord(meta, { source: 'compiled-references', ...meta.provenance }));
    }
    // The arXiv API's own record replaces the compiled one, entry by entry.
    for (const [id, meta] of Object.entries(api?.entries ?? {})) {
      if (meta.title.trim()) this.records.set(id, toRecord(meta, { source: 'arxiv-api' }));
    }
  }

  get size(): number {
    return this.records.size;
  }

  get(arxivId: string): MetadataRecord | undefined {
    return this.records.get(arxivId);
  }

  /** Titles by arXiv id: evidence for the nickname rule and for id conflicts. */
  titles(): Map<string, string> {
    return new Map([...this.records].map(([id, r]) => [id, r.title]));
  }

  /**
   * The one record whose title is `title` (same words, at least SAME_TITLE_THRESHOLD similar), other
   * than `exceptId`; null when none or several match. An exact match (case and punctuation aside)
   * beats near ones.
   */
  findByTitle(title: string, exceptId: string | null = null): { record: MetadataRecord; similarity: number } | null {
    this.titleIndex ??= [...this.records.values()].map((record) => ({ record, key: compactKey(record.title), tokens: titleTokens(record.title) }));
    const key = compactKey(title);
    const tokens = titleTokens(title);
    const matches: Array<{ record: MetadataRecord; similarity: number }> = [];
    for (const candidate of this.titleIndex) {
      if (candidate.record.arxivId === exceptId) continue;
      if (candidate.key === key) return { record: candidate.record, similarity: 1 };
      const similarity = similarityOfTokens(tokens, candidate.tokens);
      if (similarity >= SAME_TITLE_THRESHOLD) matches.push({ record: candidate.record, similarity });
    }
    return matches.length === 1 ? matches[0]! : null;
  }
}

/** `arXiv API` / `compiled references (high confidence)`: for reports and evidence. */
export function describeProvenance(provenance: MetadataProvenance): string {
  switch (provenance.source) {
    case 'arxiv-api':
      return 'the arXiv API';
    case 'compiled-references':
      return `compiled references (${provenance.confidence} confidence)`;
    default:
      return 'the reading lists';
  }
}
