/**
 * The distinct things topics look for, each once however many topics and channels ask: phrases (with
 * the library's other names for them), authors and categories. Each gets an id; `scan` reads one feed
 * item once and says which of them it contains, and where (title, abstract, authors, category).
 * topic-index.ts decides from that which topics match.
 */
import { categoriesCovering } from './categories.ts';
import { FIELD } from './fields.ts';
import type { MatchableItem } from './match-types.ts';
import { joinedWord, normalizeText } from './normalize.ts';
import { type Vocabulary, VocabularyBuilder } from './vocabulary.ts';

/** A phrase of two or more words, found by its first word. */
interface LongPhrase {
  term: number;
  /** The ids of the words after the first. */
  rest: Int32Array;
}

interface AuthorName {
  term: number;
  words: string[];
}

/** What a known word can start: one entry per word, so reading a word is one lookup. */
interface WordTerms {
  /** One-word phrases that are this word. */
  singles: number[];
  /** Longer phrases that make this word when written together (`pre training` → `pretraining`). */
  joined: number[];
  /** Longer phrases that begin with this word. */
  firsts: LongPhrase[];
  /** Authors whose family name (the last wanted word, which must match exactly) is this word. */
  authors: AuthorName[];
}

export class TermIndexBuilder {
  private readonly words = new VocabularyBuilder();
  private readonly idByKey = new Map<string, number>();
  private readonly phraseByText = new Map<string, number>();
  private readonly byWord: Array<WordTerms | undefined> = [];
  private readonly categories = new Map<string, number>();

  /** The id of a phrase as a topic or the alias table writes it. */
  phrase(text: string): number {
    const known = this.phraseByText.get(text);
    if (known !== undefined) return known;
    const words = normalizeText(text).words;
    if (words.length === 0) return this.termId('nothing').id; // found nowhere (topics are checked for words when added)
    // One word is found as itself; longer phrases as their words in a row or glued into one.
    const key = words.length === 1 ? `w ${words[0]}` : `p ${joinedWord(text)} ${words.join(' ')}`;
    const { id, isNew } = this.termId(key);
    if (isNew && words.length === 1) this.wordTerms(words[0]!).singles.push(id);
    if (isNew && words.length > 1) {
      this.wordTerms(joinedWord(text)).joined.push(id);
      const rest = Int32Array.from(words.slice(1), (word) => this.words.idOf(word));
      this.wordTerms(words[0]!).firsts.push({ term: id, rest });
    }
    this.phraseByText.set(text, id);
    return id;
  }

  author(name: string): number {
    const words = normalizeText(name).words;
    const { id, isNew } = this.termId(`a ${words.join(' ')}`);
    const last = words.at(-1);
    if (isNew && last !== undefined) this.wordTerms(last).authors.push({ term: id, words });
    return id;
  }

  category(category: string): number {
    const { id, isNew } = this.termId(`c ${category}`);
    if (isNew) this.categories.set(category, id);
    return id;
  }

  build(): TermIndex {
    const vocabulary = this.words.build();
    return new TermIndex({
      terms: this.idByKey.size,
      vocabulary,
      byWord: packed(this.byWord, vocabulary.size),
      categories: this.categories,
    });
  }

  private wordTerms(word: string): WordTerms {
    const id = this.words.idOf(word);
    return (this.byWord[id] ??= { singles: [], joined: [], firsts: [], authors: [] });
  }

  private termId(key: string): { id: number; isNew: boolean } {
    const known = this.idByKey.get(key);
    if (known !== undefined) return { id: known, isNew: false };
    const id = this.idByKey.size;
    this.idByKey.set(key, id);
    return { id, isNew: true };
  }
}

/** A copy with every index present: an array filled out of order, with gaps, may fall back to slow lookups. */
export function packed<T>(sparse: ReadonlyArray<T | undefined>, length: number): Array<T | undefined> {
  return Array.from({ length }, (_, i) => sparse[i]);
}

interface TermTables {
  terms: number;
  vocabulary: Vocabulary;
  byWord: ReadonlyArray<WordTerms | undefined>;
  categories: ReadonlyMap<string, number>;
}

/** What one scan found: `fields[term]` holds FIELD bits; `found` lists the terms with any. */
export interface ScannedItem {
  readonly fields: Uint8Array;
  readonly found: readonly number[];
}

export class TermIndex {
  /** How many terms there are: ids run from 0 to count - 1. */
  readonly count: number;
  private readonly fields: Uint8Array;
  private readonly hasAuthors: boolean;
  private readonly found: number[] = [];

  constructor(private readonly t: TermTables) {
    this.count = t.terms;
    this.hasAuthors = t.byWord.some((entry) => entry !== undefined && entry.authors.length > 0);
    this.fields = new Uint8Array(t.terms);
  }

  /** Which terms `item` contains. The answer is reused by the next scan: read it before scanning again. */
  scan(item: MatchableItem): ScannedItem {
    for (const term of this.found) this.fields[term] = 0;
    this.found.length = 0;
    this.scanText(item.title, FIELD.title);
    this.scanText(item.abstract, FIELD.abstract);
    if (this.hasAuthors) for (const author of item.authors) this.scanAuthor(author);
    if (this.t.categories.size > 0) for (const category of item.categories) this.scanCategory(category);
    return { fields: this.fields, found: this.found };
  }

  private mark(term: number, field: number): void {
    if (this.fields[term] === 0) this.found.push(term);
    this.fields[term]! |= field;
  }

  private scanText(text: string, field: number): void {
    const { ids, count, compounds } = this.t.vocabulary.scan(text);
    for (let at = 0; at < count; at++) {
      const entry = ids[at]! < 0 ? undefined : this.t.byWord[ids[at]!];
      if (entry === undefined) continue;
      for (const term of entry.singles) this.mark(term, field);
      for (const term of entry.joined) this.mark(term, field);
      for (const { term, rest } of entry.firsts) {
        if (at + rest.length >= count) continue;
        let k = 0;
        while (k < rest.length && ids[at + 1 + k] === rest[k]) k++;
        if (k === rest.length) this.mark(term, field);
      }
    }
    // A glued chunk (`pre-training`) also counts as the one word it makes (`pretraining`).
    for (const word of compounds) {
      const entry = this.t.byWord[word];
      if (entry === undefined) continue;
      for (const term of entry.singles) this.mark(term, field);
      for (const term of entry.joined) this.mark(term, field);
    }
  }

  /** Most authors carry no family name any topic asks for: only those that do are split into words. */
  private scanAuthor(author: string): void {
    const { ids, count } = this.t.vocabulary.scan(author);
    let words: string[] | null = null;
    for (let at = 0; at < count; at++) {
      const wanted = ids[at]! < 0 ? undefined : this.t.byWord[ids[at]!]?.authors;
      if (wanted === undefined || wanted.length === 0) continue;
      words ??= normalizeText(author).words;
      for (const { term, words: name } of wanted) {
        if ((this.fields[term]! & FIELD.authors) === 0 && authorMatches(words, name)) this.mark(term, FIELD.authors);
      }
    }
  }

  private scanCategory(category: string): void {
    for (const wanted of categoriesCovering(category)) {
      const term = this.t.categories.get(wanted);
      if (term !== undefined) this.mark(term, FIELD.category);
    }
  }
}

/** `tri dao` matches `Tri Dao` and `T. Dao`, not `Tri Daoson`; `dao` alone matches any Dao. */
function authorMatches(author: string[], wanted: string[]): boolean {
  if (wanted.length === 0) return false;
  for (let start = 0; start + wanted.length <= author.length; start++) {
    const ok = wanted.every((w, k) => {
      const a = author[start + k]!;
      if (a === w) return true;
      // An initial stands for a given name, never for the family name (the last wanted word).
      const isLast = k === wanted.length - 1;
      return !isLast && (a.length === 1 || w.length === 1) && a[0] === w[0];
    });
    if (ok) return true;
  }
  return false;
}
