/** What topic matching reads (a feed item) and what it says back (which topic matched, and why). */

export type MatchField = 'title' | 'abstract' | 'authors' | 'category';

export interface MatchableItem {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  /** From the feed. Replacements only match topics that ask for them (`+replacements`). */
  announceType?: 'new' | 'cross' | 'replace' | 'replace-cross' | 'other';
}

export interface TopicMatch {
  /** The topic as the channel added it. */
  topic: string;
  /** What matched, readable: `"mixture of experts"`, `DPO (as "Direct Preference Optimization")`, `cat:cs.CL`. */
  terms: string[];
  fields: MatchField[];
}
