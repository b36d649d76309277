/**
 * The library's data model: one entry per work, merged from every reading list it appears in.
 * Everything else (search, citations, commands, digests, alert matching) reads these types.
 */

/** Where a piece of an entry came from: the seed file (relative to seeds/) and its 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** A structured author name. Organisations ("01.AI", "emozilla") use `literal`. */
export type Author = PersonName | LiteralName;
export interface PersonName {
  given: string;
  family: string;
  /** Generational suffix (`Jr.`, `III`), kept apart so citations write `McClelland, Jr., Ronald`. */
  suffix?: string;
}
export interface LiteralName {
  literal: string;
}

export type LinkKind =
  | 'abs' // arXiv abstract page
  | 'pdf' // a PDF (arXiv or elsewhere)
  | 'html' // arXiv HTML rendering
  | 'doi' // https://doi.org/...
  | 'code' // a source repository (GitHub etc.)
  | 'local' // a path to a local file as given in a list (papers/x/2201.11903.pdf)
  | 'discussion' // chat threads, Reddit, X/Twitter
  | 'slides'
  | 'web'; // anything else

export interface Link {
  url: string;
  kind: LinkKind;
  /** The label a list gave the link, when it gave one ("GitHub Repo", "Slides"). */
  label?: string;
}

/** Where an entry lists a work: the seed file and line, and the list's readable name. */
export interface EntrySource extends SourceRef {
  /** The list's own `#` heading, or a short name from its format (`Outline`) when it has none. */
  list: string;
}

/**
 * Where an entry's bibliographic data (title, authors, date, categories, abstract) came from:
 * the arXiv API (`paperclub enrich`), the compiled references shipped in seeds/arxiv-metadata.json,
 * or only the reading lists.
 */
export type MetadataProvenance =
  | { source: 'arxiv-api' }
  | {
      source: 'compiled-references';
      confidence: 'high' | 'medium';
      /** `id`: only the month the arXiv id encodes is known. */
      dateFrom: 'source' | 'id';
      sources: string[];
      notes: string;
    }
  | { source: 'reading-list' };

/** arXiv paper, another scholarly work known by DOI, or a web page (blog post, repo, Reddit post). */
export type EntryKind = 'arxiv' | 'article' | 'web';

export interface PaperEntry {
  /** Stable library id: the versionless arXiv id when there is one, else a short slug of the title. */
  id: string;
  kind: EntryKind;
  title: string;
  authors: Author[];
  year: number | null;
  /** ISO date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string | null;
  /** Versionless arXiv id (`2106.09685`, `hep-th/9901001`), or null. */
  arxivId: string | null;
  /** The work's DOI; for arXiv papers without another DOI this is `10.48550/arXiv.<id>`. */
  doi: string | null;
  /** Every distinct link any list gave for this work, plus canonical arXiv links. */
  links: Link[];
  /** Nicknames and acronyms ("LoRA", "Chinchilla", "ΨPO"). */
  aka: string[];
  affiliation: string | null;
  /** Explicit `#tags` plus the section headings the entry sits under, de-duplicated case-insensitively. */
  tags: string[];
  /** Summary bullets, in list order. */
  summary: string[];
  /** The club's one-line takeaway. */
  takeaway: string | null;
  /** The BibTeX entry exactly as a list gave it (after removing stray characters after the entry). */
  bibtex: string | null;
  /** Position in the club's numbered reading list (1-based), where a list is numbered. */
  readingOrder: number | null;
  /** From the arXiv metadata (API or compiled references). */
  abstract: string | null;
  categories: string[];
  primaryCategory: string | null;
  /** Every place this work was listed. */
  sources: EntrySource[];
  /** True when the only author list given ended in "et al.": `authors` names the first few only. */
  authorsTruncated?: boolean;
  /** Where the bibliographic fields came from. */
  provenance: MetadataProvenance;
}

/**
 * A seed mistake repaired with evidence:
 * - `relinked`: a listing whose title is another paper's arXiv title moves to that paper's id;
 * - `label-title`: an outline label that is not the paper's name, whose note names the paper's
 *   arXiv title, is kept as an a.k.a. and the paper gets its title;
 * - `fields-kept`: the affiliation and date of a listing that moved to another paper stay with the id
 *   it linked (they describe the row it was copied from, not the paper it names).
 */
export interface SeedFix {
  kind: 'relinked' | 'label-title' | 'fields-kept';
  source: SourceRef;
  /** The library id the listing ends up in. */
  id: string;
  /** What the list said (title, label, or the fields kept back). */
  listed: string;
  evidence: string;
}

/** The formats the importers recognise, by content. */
export type SeedFormat = 'chicago' | 'bibtex-notes' | 'markdown-table' | 'numbered-list' | 'outline';

export type RepairKind = 'mojibake' | 'bibtex-trailing' | 'markdown-escape' | 'html-break' | 'nbsp' | 'truncated';

export interface ImportReport {
  files: Array<{ file: string; format: SeedFormat | null; entries: number; error?: string }>;
  merges: Array<{ id: string; title: string; from: SourceRef; key: 'arxiv' | 'doi' | 'title' | 'aka' }>;
  conflicts: Array<{
    arxivId: string;
    titles: Array<{ title: string; source: SourceRef }>;
    resolution: string;
  }>;
  repairs: Array<{ source: SourceRef; kind: RepairKind; before: string; after: string }>;
  /** `all-authors`: the only author list ends in "et al.". */
  missing: Array<{ id: string; title: string; fields: Array<'authors' | 'all-authors' | 'year'> }>;
  /** Seed mistakes found against the arXiv metadata and repaired, each with its evidence. */
  fixes: SeedFix[];
  /** arXiv papers whose citation title is arXiv's, not the title a list gave (kept as an a.k.a.). */
  titles: Array<{ id: string; title: string; listed: string[] }>;
  /** Dates that contradict the arXiv id (earlier than the month it encodes): reported, not used. */
  dates: Array<{ id: string; date: string; source: SourceRef | null; reason: string }>;
  /** Bare names in outlines that name no known paper: kept as topics, not papers. */
  topics: Array<{ name: string; source: SourceRef }>;
}
