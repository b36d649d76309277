import MiniSearch from 'minisearch';
import { authorName } from '../library/names.ts';
import type { PaperEntry } from '../library/types.ts';
import { IdMatcher, looksLikeId } from './id-match.ts';
import { fold } from '../text/normalize.ts';
import { compact, documentTerms, MAX_QUERY_CHARS, queryTerms, words } from './normalize.ts';
import { suggestionName } from './suggestion.ts';
import { Vocabulary } from './vocabulary.ts';

/**
 * Ranked lookup over the library. Three tiers, strongest first:
 *   1. the query is an identifier of the entry (library id, arXiv id in any form, DOI, a listed link);
 *   2. the query is one of the entry's names (an a.k.a., the title, the short name before a title's
 *      colon, or an acronym the title gives in parentheses), compared in compact form (`gpt-3` = `GPT3`);
 *   3. BM25 text relevance (minisearch) with prefix and length-scaled fuzzy matching, scaled by the
 *      share of typed words matched, and boosted when the query is a phrase of the title, a name, a
 *      tag or the takeaway.
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

/** A query that reads as a phrase of the title, a name, a tag or the takeaway is worth this much more. */
const PHRASE_BONUS = 2;
/** A piece of a typed word (`gpt` of `gpt-3`, `merge` of `ModelMerge`) counts for less than the word. */
const PART_WEIGHT = 0.3;
/** Score is scaled by (share of typed words matched)^this: matching every word beats repeating one. */
const COVERAGE_POWER = 1;
/** minisearch weights for prefix and fuzzy matches, relative to an exact term match. */
const MATCH_WEIGHTS = { prefix: 0.375, fuzzy: 0.3 };

interface IndexedDoc extends Record<Field, string> {
  idx: number;
}

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
  private readonly mini: MiniSearch<IndexedDoc>;
  private readonly vocabulary = new Vocabulary();
  /** Tie-break order: reading order first (the club's own ranking), then id. */
  private readonly order: Map<number, number>;
  /** Entry indexes in that order: what an empty autocomplete box lists. */
  private readonly readingList: number[];

  constructor(entries: readonly PaperEntry[]) {
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
    // Terms per distinct word, for this build only (query-time tokenizing does not touch it).
    const memo = new Map<string, readonly string[]>();
    this.mini = new MiniSearch<IndexedDoc>({
      idField: 'idx',
      fields: FIELDS,
      storeFields: [],
      tokenize: (text) => {
        const terms = documentTerms(text, memo);
        for (const term of terms) this.vocabulary.add(term);
        return terms;
      },
      processTerm: (term) => term,
    });
    this.mini.addAll(entries.map((entry, idx) => toIndexedDoc(entry, idx)));
    memo.clear();
    const sorted = entries
      .map((entry, idx) => ({ entry, idx }))
      .sort((a, b) => compareByReadingOrder(a.entry, b.entry));
    this.order = new Map(sorted.map(({ idx }, rank) => [idx, rank]));
    this.readingList = sorted.map(({ idx }) => idx);
  }

  get size(): number {
    return this.docs.length;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    if (limit === 0) return [];
    return this.rank(query, false).slice(offset, offset + limit);
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
        : this.rank(partial, true).map((hit) => hit.entry);
    return entries.slice(0, n).map((entry) => ({ name: suggestionName(entry), value: entry.id }));
  }

  private rank(query: string, asYouType: boolean): SearchHit[] {
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
    if (exactId && !asYouType && looksLikeId(text)) return this.identified(exactId);

    const scored = this.textScores(text, asYouType);
    const named = new Set(this.byName.get(compact(text)) ?? []);
    let best = 0;
    for (const score of scored.values()) best = Math.max(best, score);
    const tierStep = best + 1;
    const candidates = new Set<number>([...scored.keys(), ...named]);
    const exactIdx = exactId ? this.indexOf.get(exactId)! : null;
    if (exactIdx !== null) candidates.add(exactIdx);

    const hits = [...candidates].map((idx) => {
      const tier = idx === exactIdx ? 2 : named.has(idx) ? 1 : 0;
      return { idx, score: (scored.get(idx) ?? 0) + tier * tierStep };
    });
    hits.sort((a, b) => b.score - a.score || this.order.get(a.idx)! - this.order.get(b.idx)!);
    return hits.map(({ idx, score }) => ({ entry: this.docs[idx]!.entry, score }));
  }

  /** The entry an identifier names, first, then the entries whose text cites its arXiv id or DOI. */
  private identified(entry: PaperEntry): SearchHit[] {
    const exactIdx = this.indexOf.get(entry)!;
    const cited = [entry.arxivId, entry.doi].filter((key): key is string => Boolean(key)).map((key) => key.toLowerCase());
    const mentions: Array<{ idx: number; score: number }> = [];
    for (const key of cited) {
      for (const [idx, score] of this.textScores(key, false)) {
        if (idx === exactIdx || mentions.some((m) => m.idx === idx)) continue;
        if (mentionsText(this.docs[idx]!.entry).includes(key)) mentions.push({ idx, score });
      }
    }
    mentions.sort((a, b) => b.score - a.score || this.order.get(a.idx)! - this.order.get(b.idx)!);
    const best = mentions[0]?.score ?? 0;
    return [
      { entry, score: best + 1 },
      ...mentions.map(({ idx, score }) => ({ entry: this.docs[idx]!.entry, score })),
    ];
  }

  /** BM25 scores by entry index, scaled by word coverage and the phrase bonus. */
  private textScores(text: string, asYouType: boolean): Map<number, number> {
    const plan = queryTerms(text);
    if (plan.words.length === 0) return new Map();
    /** Each term to look up: the typed words it stands for, its weight, and whether it may fuzz. */
    const lookups = new Map<string, { covers: Set<number>; weight: number; fuzzy: boolean }>();
    const add = (term: string, covers: number[], weight: number, fuzzy: boolean) => {
      const known = lookups.get(term);
      if (known) {
        for (const c of covers) known.covers.add(c);
        known.weight = Math.max(known.weight, weight);
        known.fuzzy &&= fuzzy;
      } else {
        lookups.set(term, { covers: new Set(covers), weight, fuzzy });
      }
    };
    plan.words.forEach((word, i) => {
      add(word.whole, [i], 1, true);
      for (const part of word.parts) add(part, [i], PART_WEIGHT, true);
      for (const respelled of this.vocabulary.respellings(word.whole)) add(respelled, [i], 1, false);
    });
    // Joined words match whole or as a prefix, never fuzzily (`isall` must not find `install`).
    for (const { term, covers } of plan.joined) add(term, covers, 1, false);

    const lastTyped = plan.words[plan.words.length - 1]!.whole;
    const run = (fields: readonly Field[]) =>
      this.mini.search([...lookups.keys()].join(' '), {
        fields: [...fields],
        tokenize: (s) => s.split(' '),
        processTerm: (t) => t,
        boost: FIELD_BOOSTS,
        weights: MATCH_WEIGHTS,
        boostTerm: (term) => lookups.get(term)?.weight ?? 1,
        // Only words the library never uses are typos worth fuzzing; known words skip the costly
        // edit-distance walk and do not drift (`models` must not also match `modes`).
        fuzzy: (term) => (lookups.get(term)?.fuzzy && !this.vocabulary.has(term) ? fuzziness(term) : 0),
        prefix: (term) => (asYouType && term === lastTyped) || (term.length >= 3 && !/^\p{N}+$/u.test(term)),
        combineWith: 'OR',
      });
    const phrase = ` ${words(text).map(fold).join(' ')} `;
    const isPhrase = phrase.trim().includes(' ');
    const scores = new Map<number, number>();
    for (const [fields, phraseBonus] of [[SPECIFIC_FIELDS, true], [ABSTRACT_FIELDS, false]] as const) {
      for (const r of run(fields)) {
        const idx = r.id as number;
        const covered = new Set<number>();
        for (const term of r.queryTerms) for (const c of lookups.get(term)?.covers ?? []) covered.add(c);
        const coverage = (covered.size / plan.words.length) ** COVERAGE_POWER;
        const bonus = phraseBonus && isPhrase && this.docs[idx]!.phraseText.includes(phrase) ? PHRASE_BONUS : 1;
        scores.set(idx, (scores.get(idx) ?? 0) + r.score * coverage * bonus);
      }
    }
    return scores;
  }
}

function prepare(entry: PaperEntry): Prepared {
  const head = titleHead(entry.title);
  const nameList = [...entry.aka, entry.title, ...(head ? [head] : []), ...parenthesisedNames(entry.title)];
  const names = new Set(nameList.map(compact).filter(Boolean));
  const phraseParts = [entry.title, ...entry.aka, ...entry.tags, entry.takeaway ?? ''].map((t) => words(t).map(fold).join(' '));
  return { entry, names, phraseText: ` ${phraseParts.join(' | ')} ` };
}

function toIndexedDoc(entry: PaperEntry, idx: number): IndexedDoc {
  const head = titleHead(entry.title);
  return {
    idx,
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

/** The free text of an entry where another paper's id may be cited, lower-cased. */
function mentionsText(entry: PaperEntry): string {
  return [entry.title, entry.takeaway ?? '', ...entry.summary, entry.abstract ?? ''].join('\n').toLowerCase();
}

function compareByReadingOrder(a: PaperEntry, b: PaperEntry): number {
  const ra = a.readingOrder ?? Number.POSITIVE_INFINITY;
  const rb = b.readingOrder ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
