import FlatQueue from 'flatqueue';
import { authorName } from '../library/names.ts';
import type { PaperEntry } from '../library/types.ts';
import { IdMatcher, looksLikeId } from './id-match.ts';
import { decodeIndex, indexSnapshot, type IndexSnapshot } from './index-snapshot.ts';
import { InvertedIndex } from './inverted-index.ts';
import { fold } from '../text/normalize.ts';
import { compact, documentTerms, MAX_QUERY_CHARS, queryTerms, words } from './normalize.ts';
import { suggestionName } from './suggestion.ts';
import { type FieldGroup, type TextMatches, TextScorer } from './text-scorer.ts';
import { Vocabulary } from './vocabulary.ts';

/**
 * Ranked lookup over the library. Three tiers, strongest first:
 *   1. the query is an identifier of the entry (library id, arXiv id in any form, DOI, a listed link);
 *   2. the query is one of the entry's names (an a.k.a., the title, the short name before a title's
 *      colon, or an acronym the title gives in parentheses), compared in compact form (`gpt-3` = `GPT3`);
 *   3. BM25+ text relevance (MiniSearch's, computed by text-scorer.ts over inverted-index.ts) with
 *      prefix and length-scaled fuzzy matching, scaled by the share of typed words matched, and
 *      boosted when the query is a phrase of the title, a name, a tag or the takeaway.
 * Within a tier, higher text relevance wins; exact ties fall back to the club's reading order,
 * then the library id, so results are deterministic.
 */

export interface SearchHit {
  entry: PaperEntry;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

const DEFAULT_LIMIT = 10;
const MAX_SUGGESTIONS = 25;

/** Field weights: a name someone gave the paper outranks a word in its title, which outranks its summary. */
const FIELD_BOOSTS = {
  aka: 6,
  title: 4,
  authors: 3,
  /** People cite and remember papers by their first author ("Raffel et al."). */
  firstAuthor: 1.5,
  takeaway: 2,
  tags: 1.5,
  affiliation: 1,
  summary: 0.6,
  abstract: 1.2,
  /** The arXiv id, so autocomplete finds `2106.09` as it is typed (whole ids take the exact tier). */
  arxivId: 1,
} as const;
type Field = keyof typeof FIELD_BOOSTS;
const FIELDS = Object.keys(FIELD_BOOSTS) as Field[];
/**
 * An abstract uses most common words somewhere, so it is searched on its own and its score added to
 * the score of the paper's own fields (names, title, authors, takeaway, tags, notes): it orders papers
 * those fields do not separate, and finds papers only their abstract describes, but a word only the
 * abstract has never lifts a paper over one whose own fields match. `decoder is all you need` must not
 * rank "Attention Is All You Need" (whose abstract says "decoder") above the paper whose takeaway it is.
 */
const SPECIFIC_FIELDS = FIELDS.filter((f) => f !== 'abstract');
const ABSTRACT_FIELDS: readonly Field[] = ['abstract'];
/** The scorer's group numbers for those two. */
const SPECIFIC_GROUP = 0;
const ABSTRACT_GROUP = 1;

/** A query that reads as a phrase of the title, a name, a tag or the takeaway is worth this much more. */
const PHRASE_BONUS = 2;
/** A piece of a typed word (`gpt` of `gpt-3`, `merge` of `ModelMerge`) counts for less than the word. */
const PART_WEIGHT = 0.3;
/** Score is scaled by (share of typed words matched)^this: matching every word beats repeating one. */
const COVERAGE_POWER = 1;
/** minisearch weights for prefix and fuzzy matches, relative to an exact term match. */
const MATCH_WEIGHTS = { prefix: 0.375, fuzzy: 0.3 };

interface Prepared {
  entry: PaperEntry;
  /** Compact forms of every name the entry goes by (a.k.a., title, title head). */
  names: Set<string>;
  /** Folded word sequences where a remembered phrase counts: ` title ` ` aka ` ` takeaway `. */
  phraseText: string;
}

/** `Mamba: Linear-Time …` → `Mamba`; `ALiBi; Train Short, …` → `ALiBi`. Only short heads are names. */
export function titleHead(title: string): string | null {
  const m = /^([^:;]{1,40})[:;]\s/.exec(title);
  if (!m) return null;
  const head = m[1]!.trim();
  return words(head).length <= 4 ? head : null;
}

/**
 * Fuzzy edit distance grows with term length: none up to 4 letters (`rest` is not `reft`), one up
 * to 8, two beyond. Digits never fuzz (`gpt3` is not `gpt2`).
 */
export function fuzziness(term: string): number {
  if (/\p{N}/u.test(term) || term.length <= 4) return 0;
  return term.length >= 9 ? 2 : 1;
}

/** Acronyms a title spells out in parentheses: `Reinforced Self-Training (ReST) for …` → `ReST`. */
function parenthesisedNames(title: string): string[] {
  return [...title.matchAll(/\(([\p{L}\p{N}][\p{L}\p{N}^-]{1,15})\)/gu)].map((m) => m[1]!);
}

/** Small words an acronym keeps as a lower-case letter: `Chain-of-Thought` → `CoT`. */
const ACRONYM_CONNECTORS = new Set(['of', 'to', 'in', 'on', 'and', 'for']);

/**
 * Acronyms a title implies without spelling them out: a compound like `Chain-of-Thought` or
 * `Mixture-of-Experts`, or a short title head like `Tree of Thoughts`, whose words join through a
 * connector, is commonly called by its initials (`CoT`, `MoE`, `ToT`). Indexed as weak a.k.a. text,
 * never as an exact name: `cot` finds the chain-of-thought paper, but an a.k.a. someone actually
 * gave still wins.
 */
export function impliedAcronyms(title: string): string[] {
  const phrases = [...title.matchAll(/[\p{L}]+(?:-[\p{L}]+){2,}/gu)].map((m) => m[0].split('-'));
  const head = titleHead(title);
  if (head) phrases.push(head.split(/\s+/));
  const acronyms = new Set<string>();
  for (const parts of phrases) {
    if (parts.length < 3 || parts.length > 4 || !parts.every((p) => /^\p{L}+$/u.test(p))) continue;
    const inner = parts.slice(1, -1);
    if (!inner.some((p) => ACRONYM_CONNECTORS.has(p.toLowerCase()))) continue;
    if (ACRONYM_CONNECTORS.has(parts[0]!.toLowerCase()) || ACRONYM_CONNECTORS.has(parts.at(-1)!.toLowerCase())) continue;
    acronyms.add(parts.map((p) => p[0]!).join(''));
  }
  return [...acronyms];
}

export class SearchIndex {
  private readonly docs: Prepared[];
  private readonly indexOf = new Map<PaperEntry, number>();
  private readonly ids: IdMatcher;
  /** Compact name → entry indexes, for the "query is a name" tier without scanning every entry. */
  private readonly byName = new Map<string, number[]>();
  private readonly index: InvertedIndex;
  private readonly scorer: TextScorer;
  private readonly vocabulary: Vocabulary;
  /** Tie-break order: reading order first (the club's own ranking), then id. */
  private readonly order: Int32Array;
  /** Entry indexes in that order: what an empty autocomplete box lists. */
  private readonly readingList: number[];
  /** Reused by every query: the k-th best score, and each reached document's score without the phrase bonus. */
  private readonly kthBest = new FlatQueue<number>();
  private readonly plainScores: Float64Array;

  /**
   * The index of these entries, from a saved one (`toSnapshot`) when it is given and fits them;
   * else built, tokenising every field of every entry.
   */
  static fromSnapshot(entries: readonly PaperEntry[], snapshot: unknown): SearchIndex {
    return new SearchIndex(entries, decodeIndex(snapshot, FIELDS, entries.length) ?? undefined);
  }

  /** Whether the inverted index was loaded from a saved one or built from the entries (for logs and the bench). */
  readonly origin: 'saved' | 'built';

  /** `prebuilt`: the inverted index of exactly these entries, in this order (from a snapshot). */
  constructor(entries: readonly PaperEntry[], prebuilt?: InvertedIndex) {
    this.origin = prebuilt ? 'saved' : 'built';
    this.ids = new IdMatcher(entries);
    this.docs = entries.map((entry) => prepare(entry));
    this.docs.forEach((doc, idx) => {
      this.indexOf.set(doc.entry, idx);
      for (const name of doc.names) {
        const same = this.byName.get(name);
        if (same) same.push(idx);
        else this.byName.set(name, [idx]);
      }
    });
    this.index = prebuilt ?? InvertedIndex.build(FIELDS.length, fieldTerms(entries));
    this.vocabulary = new Vocabulary(this.index);
    this.scorer = new TextScorer(this.index, [fieldGroup(SPECIFIC_FIELDS), fieldGroup(ABSTRACT_FIELDS)], MATCH_WEIGHTS);
    this.plainScores = new Float64Array(entries.length);
    this.readingList = entries.map((_, idx) => idx).sort((a, b) => compareByReadingOrder(entries[a]!, entries[b]!));
    this.order = new Int32Array(entries.length);
    this.readingList.forEach((idx, rank) => {
      this.order[idx] = rank;
    });
  }

  get size(): number {
    return this.docs.length;
  }

  /** The inverted index as data, for the build to save next to the library snapshot. */
  toSnapshot(): IndexSnapshot {
    return indexSnapshot(this.index, FIELDS);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    if (limit === 0) return [];
    return this.rank(query, false, offset + limit).slice(offset, offset + limit);
  }

  /**
   * Autocomplete choices (Discord's limit is 25 choices, 100 characters each). The last word is
   * treated as still being typed. An empty input lists the library in reading order.
   */
  suggest(partial: string, limit = MAX_SUGGESTIONS): Array<{ name: string; value: string }> {
    const n = Math.max(0, Math.min(MAX_SUGGESTIONS, Math.floor(limit)));
    if (n === 0) return [];
    const entries =
      partial.trim() === ''
        ? this.readingList.slice(0, n).map((idx) => this.docs[idx]!.entry)
        : this.rank(partial, true, n).map((hit) => hit.entry);
    return entries.map((entry) => ({ name: suggestionName(entry), value: entry.id }));
  }

  /** The best `k` hits, best first. */
  private rank(query: string, asYouType: boolean, k: number): SearchHit[] {
    // Every step below is linear in the text at worst; the cap bounds a pasted page.
    const text = query.trim().slice(0, MAX_QUERY_CHARS);
    if (text === '') return [];
    const exactId = this.ids.match(text);
    // An identifier that names nothing here is a miss, not a bag of digits to search for;
    // while typing, though, `arXiv:2312.007` is an id on its way and completes by prefix.
    if (!exactId && !asYouType && looksLikeId(text)) return [];
    // An identifier is a lookup, not a bag of words: its paper, then the papers that mention it.
    // Searching its words instead would rank every arXiv URL's `arxiv`/`abs`/`pdf` and every paper
    // of the same month (`2312`) below it.
    if (exactId && !asYouType && looksLikeId(text)) return this.identified(exactId).slice(0, k);

    const scores = this.textScores(text, asYouType);
    const named = this.byName.get(compact(text)) ?? [];
    const exactIdx = exactId ? this.indexOf.get(exactId)! : null;
    const tierOf = (idx: number) => (idx === exactIdx ? 2 : named.includes(idx) ? 1 : 0);

    // Only documents whose score can reach the k-th best are ranked; the phrase bonus (a string
    // search) is checked only where it could lift a document that far.
    const floor = this.kthLargest(scores.plain, k);
    let best = 0;
    const kept = new Map<number, number>();
    for (let i = 0; i < scores.count; i += 1) {
      const idx = scores.doc(i);
      const tier = tierOf(idx);
      const score = tier > 0 || scores.withBonus(i) >= floor ? scores.exact(i) : scores.plain[i]!;
      // A document left at its score without the bonus is below the floor, so never the best.
      if (score > best) best = score;
      if (score >= floor || tier > 0) kept.set(idx, score);
    }
    for (const idx of exactIdx === null ? named : [...named, exactIdx]) if (!kept.has(idx)) kept.set(idx, 0);

    const tierStep = best + 1;
    const hits = [...kept].map(([idx, score]) => ({ idx, score: score + tierOf(idx) * tierStep }));
    hits.sort((a, b) => b.score - a.score || this.order[a.idx]! - this.order[b.idx]!);
    return hits.slice(0, k).map(({ idx, score }) => ({ entry: this.docs[idx]!.entry, score }));
  }

  /** The k-th largest of the scores, or -Infinity when there are fewer than k. */
  private kthLargest(scores: Float64Array, k: number): number {
    const heap = this.kthBest;
    heap.clear();
    for (const score of scores) {
      if (heap.length < k) heap.push(0, score);
      else if (score > heap.peekValue()!) {
        heap.pop();
        heap.push(0, score);
      }
    }
    return heap.length < k ? Number.NEGATIVE_INFINITY : heap.peekValue()!;
  }

  /** The entry an identifier names, first, then the entries whose text cites its arXiv id or DOI. */
  private identified(entry: PaperEntry): SearchHit[] {
    const exactIdx = this.indexOf.get(entry)!;
    const cited = [entry.arxivId, entry.doi].filter((key): key is string => Boolean(key)).map((key) => key.toLowerCase());
    const mentions: Array<{ idx: number; score: number }> = [];
    const seen = new Set<number>([exactIdx]);
    for (const key of cited) {
      const scores = this.textScores(key, false);
      const verbatim = longestCaselessRun(key);
      for (let i = 0; i < scores.count; i += 1) {
        const idx = scores.doc(i);
        if (seen.has(idx) || !cites(this.docs[idx]!.entry, key, verbatim)) continue;
        seen.add(idx);
        mentions.push({ idx, score: scores.exact(i) });
      }
    }
    mentions.sort((a, b) => b.score - a.score || this.order[a.idx]! - this.order[b.idx]!);
    const best = mentions[0]?.score ?? 0;
    return [
      { entry, score: best + 1 },
      ...mentions.map(({ idx, score }) => ({ entry: this.docs[idx]!.entry, score })),
    ];
  }

  /** BM25 scores of the documents the query reaches, scaled by word coverage and the phrase bonus. */
  private textScores(text: string, asYouType: boolean): QueryScores {
    const plan = queryTerms(text);
    if (plan.words.length === 0) return new QueryScores(this.scorer.match([]), 0, null, this.docs, this.plainScores);
    /**
     * Each term to look up: the typed words it stands for and the words it is (bits), its weight,
     * and whether it may fuzz.
     */
    const lookups = new Map<string, { covers: number; spells: number; weight: number; fuzzy: boolean }>();
    const add = (term: string, covers: readonly number[], weight: number, fuzzy: boolean, spells = 0) => {
      const bits = covers.reduce((mask, word) => mask | (1 << word), 0);
      const known = lookups.get(term);
      if (known) {
        known.covers |= bits;
        known.spells |= spells;
        known.weight = Math.max(known.weight, weight);
        known.fuzzy &&= fuzzy;
      } else {
        lookups.set(term, { covers: bits, spells, weight, fuzzy });
      }
    };
    plan.words.forEach((word, i) => {
      add(word.whole, [i], 1, true, 1 << i);
      for (const part of word.parts) add(part, [i], PART_WEIGHT, true);
      for (const respelled of this.vocabulary.respellings(word.whole)) add(respelled, [i], 1, false);
    });
    // Joined words match whole or as a prefix, never fuzzily (`isall` must not find `install`).
    for (const { term, covers } of plan.joined) add(term, covers, 1, false);

    const lastTyped = plan.words[plan.words.length - 1]!.whole;
    const matches = this.scorer.match(
      [...lookups].map(([term, { covers, spells, weight, fuzzy }]) => ({
        term,
        weight,
        covers,
        spells,
        prefix: (asYouType && term === lastTyped) || (term.length >= 3 && !/^\p{N}+$/u.test(term)),
        // Only words the library never uses are typos worth fuzzing; known words skip the costly
        // edit-distance walk and do not drift (`models` must not also match `modes`).
        fuzzy: fuzzy && !this.vocabulary.has(term) ? fuzziness(term) : 0,
      })),
    );
    const phrase = ` ${words(text).map(fold).join(' ')} `;
    return new QueryScores(matches, plan.words.length, phrase.trim().includes(' ') ? phrase : null, this.docs, this.plainScores);
  }
}

/**
 * One query's text scores: each reached document's BM25 per field group, times the share of typed
 * words it matched, with the phrase bonus on the paper's own fields. Documents are addressed by
 * their position `i` among the reached ones. Reads the scorer's buffers and writes into a shared
 * one, so it is valid only until the next query.
 */
class QueryScores {
  /** Position i: the score of `doc(i)` without the phrase bonus. */
  readonly plain: Float64Array;
  private readonly allWords: number;

  constructor(
    private readonly matches: TextMatches,
    private readonly wordCount: number,
    /** ` folded words ` of a query of two words or more; null for one word (no phrase to match). */
    private readonly phrase: string | null,
    private readonly docs: readonly Prepared[],
    buffer: Float64Array,
  ) {
    // MAX_QUERY_WORDS (16) keeps the word bits within a 32-bit integer.
    this.allWords = (1 << wordCount) - 1;
    this.plain = buffer.subarray(0, matches.count);
    for (let i = 0; i < matches.count; i += 1) {
      const idx = matches.doc(i);
      this.plain[i] = this.groupScore(SPECIFIC_GROUP, idx) + this.groupScore(ABSTRACT_GROUP, idx);
    }
  }

  get count(): number {
    return this.matches.count;
  }

  doc(i: number): number {
    return this.matches.doc(i);
  }

  /**
   * The most the phrase bonus can make the score. A document holding the query as a phrase in its
   * title, names, tags or takeaway holds every typed word in those fields exactly as typed, so a
   * document missing one (or matching it only by prefix, typo or piece) cannot earn the bonus and is
   * never searched for the phrase.
   */
  withBonus(i: number): number {
    const idx = this.matches.doc(i);
    if (this.phrase === null || this.matches.exactWords(SPECIFIC_GROUP, idx) !== this.allWords) return this.plain[i]!;
    return this.groupScore(SPECIFIC_GROUP, idx) * PHRASE_BONUS + this.groupScore(ABSTRACT_GROUP, idx);
  }

  exact(i: number): number {
    const bonus = this.withBonus(i);
    return bonus !== this.plain[i] && this.docs[this.matches.doc(i)]!.phraseText.includes(this.phrase!) ? bonus : this.plain[i]!;
  }

  /** MiniSearch's score in the group (BM25 sum times the number of lookups matched), times coverage. */
  private groupScore(group: number, idx: number): number {
    const sum = this.matches.score(group, idx);
    if (sum === 0) return 0;
    const coverage = (bitCount(this.matches.coveredWords(group, idx)) / this.wordCount) ** COVERAGE_POWER;
    return sum * this.matches.matchedLookups(group, idx) * coverage;
  }
}

function bitCount(bits: number): number {
  let n = 0;
  for (let b = bits >>> 0; b !== 0; b &= b - 1) n += 1;
  return n;
}

function fieldGroup(fields: readonly Field[]): FieldGroup {
  return { fields: fields.map((field) => ({ field: FIELDS.indexOf(field), boost: FIELD_BOOSTS[field] })) };
}

function prepare(entry: PaperEntry): Prepared {
  const head = titleHead(entry.title);
  const nameList = [...entry.aka, entry.title, ...(head ? [head] : []), ...parenthesisedNames(entry.title)];
  const names = new Set(nameList.map(compact).filter(Boolean));
  const phraseParts = [entry.title, ...entry.aka, ...entry.tags, entry.takeaway ?? ''].map((t) => words(t).map(fold).join(' '));
  return { entry, names, phraseText: ` ${phraseParts.join(' | ')} ` };
}

/**
 * Each entry's fields as index terms, in FIELDS order, made as the index takes them (not all kept at
 * once). Terms are remembered per distinct word for this build only: a library repeats its words a lot.
 */
function* fieldTerms(entries: readonly PaperEntry[]): Generator<string[][]> {
  const memo = new Map<string, readonly string[]>();
  for (const entry of entries) {
    const doc = toIndexedDoc(entry);
    yield FIELDS.map((field) => documentTerms(doc[field], memo));
  }
}

function toIndexedDoc(entry: PaperEntry): Record<Field, string> {
  const head = titleHead(entry.title);
  return {
    title: entry.title,
    aka: [...entry.aka, ...(head ? [head] : []), ...parenthesisedNames(entry.title), ...impliedAcronyms(entry.title)].join(' ; '),
    authors: entry.authors.map(authorName).join(' ; '),
    firstAuthor: entry.authors[0] ? authorName(entry.authors[0]) : '',
    takeaway: entry.takeaway ?? '',
    tags: entry.tags.join(' ; '),
    affiliation: entry.affiliation ?? '',
    summary: entry.summary.join(' '),
    abstract: entry.abstract ?? '',
    arxivId: entry.arxivId ?? '',
  };
}

/**
 * Whether an entry's free text (title, takeaway, summary, abstract) cites a lower-cased key, ignoring
 * case. Such text holds the key's `verbatim` run (ASCII digits and punctuation, which lower-casing
 * neither changes nor produces) as it is, so most entries are ruled out without lower-casing their text.
 */
function cites(entry: PaperEntry, key: string, verbatim: string): boolean {
  if (verbatim !== '' && !holdsVerbatim(entry, verbatim)) return false;
  return [entry.title, entry.takeaway ?? '', ...entry.summary, entry.abstract ?? ''].join('\n').toLowerCase().includes(key);
}

function holdsVerbatim(entry: PaperEntry, part: string): boolean {
  if (entry.title.includes(part) || entry.takeaway?.includes(part) || entry.abstract?.includes(part)) return true;
  for (const bullet of entry.summary) if (bullet.includes(part)) return true;
  return false;
}

/** `10.48550/arxiv.2312.00752` → `.2312.00752`: the longest run without letters or non-ASCII characters. */
function longestCaselessRun(key: string): string {
  return (key.match(/[^A-Za-z\u0080-\uffff]+/g) ?? []).reduce((longest, run) => (run.length > longest.length ? run : longest), '');
}

function compareByReadingOrder(a: PaperEntry, b: PaperEntry): number {
  const ra = a.readingOrder ?? Number.POSITIVE_INFINITY;
  const rb = b.readingOrder ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
