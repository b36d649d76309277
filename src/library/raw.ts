/**
 * What an importer produces before merging: one raw record per listing, with provenance.
 * Records are plain data; merge.ts turns them into PaperEntry values.
 */
import type { ImportReport, PaperEntry, SeedFormat, SourceRef } from './types.ts';

export type Repair = ImportReport['repairs'][number];

/** A `Nick: Title` / `Nick; Title` prefix seen in a numbered list, decided on at merge time. */
export interface NicknamePrefix {
  prefix: string;
  rest: string;
  separator: ';' | ':';
}

/** The PaperEntry fields a single listing can give, as that list gave them (before merging). */
type ListedFields = Pick<
  PaperEntry,
  | 'authors'
  | 'date'
  | 'arxivId'
  | 'links'
  | 'aka'
  | 'affiliation'
  | 'tags'
  | 'summary'
  | 'takeaway'
  | 'bibtex'
  | 'readingOrder'
  | 'primaryCategory'
>;

export interface RawRecord extends ListedFields {
  source: SourceRef;
  format: SeedFormat;
  /** The title as the list gave it (repaired), or null when the list gave none. */
  title: string | null;
  /** True when `title` is a short name (an outline label), not a full paper title. */
  titleIsLabel: boolean;
  /** A candidate nickname prefix of `title` (numbered lists), resolved by the nickname rule. */
  nickname: NicknamePrefix | null;
  /** The list wrote "et al." instead of naming every author. */
  authorsTruncated: boolean;
  /** A non-arXiv DOI, when the list gave one. */
  doi: string | null;
  /** The list marks this item as "not a paper" (the `\*` marker in markdown tables). */
  notAPaper: boolean;
  /**
   * Fields a listing left behind when it moved to another paper (detach.ts): they fill the gaps of the
   * paper its link names, but the listing is not one of that paper's sources.
   */
  detached: boolean;
}

/** A bare name in an outline (no link): a known paper's nickname, or a topic. */
export interface BareMention {
  name: string;
  /** The outline path above the name (section heading and parent bullets). */
  path: string[];
  source: SourceRef;
}

export interface ImportResult {
  records: RawRecord[];
  mentions: BareMention[];
  repairs: Repair[];
}

export function emptyRecord(source: SourceRef, format: SeedFormat): RawRecord {
  return {
    source,
    format,
    title: null,
    titleIsLabel: false,
    nickname: null,
    authors: [],
    authorsTruncated: false,
    date: null,
    arxivId: null,
    doi: null,
    links: [],
    aka: [],
    affiliation: null,
    tags: [],
    summary: [],
    takeaway: null,
    bibtex: null,
    readingOrder: null,
    primaryCategory: null,
    notAPaper: false,
    detached: false,
  };
}
