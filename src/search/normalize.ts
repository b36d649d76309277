/**
 * Text normalisation shared by indexing and querying, so both sides agree on what a "term" is.
 *
 * People write the same name many ways: `GPT-3`, `gpt3`, `GPT 3`; `FlashAttention`, `flash attention`;
 * `Thérien`, `therien`; `LoRAs`, `LoRA`. Documents emit every useful spelling of a compound (the parts
 * and the joined form); queries additionally join adjacent words, so each side meets the other.
 */

import { fold, JOINERS, plainText, singular, WORD } from '../text/normalize.ts';

/**
 * Words too common to tell papers apart. Kept short on purpose: `all`, `you`, `need` stay, because
 * half-remembered takeaways ("one rank is all you need") are made of them and BM25 already weighs them low.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'its',
  'of', 'on', 'or', 'the', 'to', 'via', 'vs', 'with',
]);

/** Folded letters and digits only: `GPT-3` → `gpt3`, `Llama 2` → `llama2`. For exact-name comparisons. */
export function compact(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** `FlashAttention` → [`Flash`, `Attention`]; `LoRA`, `GaLore` stay whole (a part would be under 3 letters). */
function camelParts(part: string): string[] {
  if (part === part.toLowerCase() || part === part.toUpperCase()) return [];
  const pieces = part.split(/(?<=\p{Ll})(?=\p{Lu}\p{Ll})/u);
  return pieces.length > 1 && pieces.every((p) => p.length >= 3) ? pieces : [];
}

/** `gpt3` → [`gpt`, `3`], `llama2` → [`llama`, `2`]; `s4`, `7b` stay whole (single-letter runs are noise). */
function letterDigitParts(part: string): string[] {
  if (!/\d/.test(part) || /^\d+$/.test(part)) return [];
  const runs = part.match(/\p{L}+|\p{N}+/gu) ?? [];
  return runs.length > 1 && runs.some((r) => r.length >= 2 && /\p{L}/u.test(r)) ? runs : [];
}

interface Spellings {
  /** The word as one term: itself, or its parts joined (`gpt-3` → `gpt3`). */
  whole: string;
  /** Its pieces: joiner-separated parts and camel-case / letter-digit pieces. Weaker evidence than the whole. */
  parts: string[];
}

/** One word's spellings, unfolded. */
function spellingsOf(word: string): Spellings {
  const split = word.split(JOINERS).filter(Boolean);
  const parts: string[] = split.length > 1 ? [...split] : [];
  for (const part of split) parts.push(...camelParts(part), ...letterDigitParts(part));
  return { whole: split.join(''), parts };
}

/** Every spelling of a word, unfolded, for the index: the whole word and all its pieces. */
function spellings(word: string): string[] {
  const { whole, parts } = spellingsOf(word);
  return [whole, ...parts];
}

/** The raw words of a text (accents stripped, case kept for camel-case splitting). */
export function words(text: string): string[] {
  return plainText(text).match(WORD) ?? [];
}

/** Turns a folded spelling into an index term, or null when it carries no signal. */
export function toTerm(spelling: string): string | null {
  const lower = spelling.toLowerCase();
  if (lower === '' || STOPWORDS.has(lower)) return null;
  return singular(lower);
}

/**
 * Index-side tokenizer: every spelling of every word, as normalised terms. Duplicates are kept on
 * purpose (term frequency is part of BM25), but a compound adds its joined form only once.
 * `memo` caches terms per distinct word while one index is built (a library repeats its words a lot).
 */
export function documentTerms(text: string, memo?: Map<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    let terms = memo?.get(word);
    if (terms === undefined) {
      terms = spellings(word)
        .map(toTerm)
        .filter((t): t is string => t !== null);
      memo?.set(word, terms);
    }
    for (const term of terms) out.push(term);
  }
  return out;
}

/** Caps on work per query: a pasted paragraph should not cost more than a sentence. */
export const MAX_QUERY_CHARS = 300;
export const MAX_QUERY_WORDS = 16;
/** Names are short (`gpt 3`, `chain of thought`); joining the words of a sentence only costs lookups. */
export const MAX_JOINED_QUERY_WORDS = 5;

export interface QueryWord {
  /** The word as typed, normalised (`gpt3` for `GPT-3`). */
  whole: string;
  /** Pieces of the word (`gpt`, `3`), which count for less than the whole. */
  parts: string[];
}

export interface QueryTerms {
  /** The words that carry meaning (stopwords dropped), in order. */
  words: QueryWord[];
  /** Every distinct term to look up: wholes and parts. */
  terms: string[];
  /** Adjacent words joined (`gpt 3` → `gpt3`, `flash attention` → `flashattention`) and the word indexes each covers. */
  joined: Array<{ term: string; covers: number[] }>;
}

/** Query-side tokenizer. Returns empty lists for empty, whitespace-only and punctuation-only input. */
export function queryTerms(query: string): QueryTerms {
  const raw = words(query.slice(0, MAX_QUERY_CHARS)).slice(0, MAX_QUERY_WORDS);
  const meaningful: QueryWord[] = [];
  /** For each raw word, its index in `meaningful` (null for stopwords). */
  const slot: Array<number | null> = [];
  for (const word of raw) {
    const { whole, parts } = spellingsOf(word);
    const term = toTerm(whole);
    if (term === null) {
      slot.push(null);
      continue;
    }
    slot.push(meaningful.length);
    meaningful.push({ whole: term, parts: unique(parts.map(toTerm)).filter((p) => p !== term) });
  }
  const terms = unique(meaningful.flatMap((w) => [w.whole, ...w.parts]));
  const typed = new Set(terms);
  // Joins use every word, stopwords included: `chain of thought` must meet `chainofthought`.
  const flat = raw.length <= MAX_JOINED_QUERY_WORDS ? raw.map((w) => compact(w)) : [];
  const joined = new Map<string, number[]>();
  for (let i = 0; i + 1 < flat.length; i += 1) {
    for (const n of [2, 3]) {
      if (i + n > flat.length) continue;
      const term = singular(flat.slice(i, i + n).join(''));
      if (term === '' || typed.has(term) || joined.has(term)) continue;
      const covers = slot.slice(i, i + n).filter((s): s is number => s !== null);
      if (covers.length > 0) joined.set(term, covers);
    }
  }
  return { words: meaningful, terms, joined: [...joined].map(([term, covers]) => ({ term, covers })) };
}

function unique(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))];
}
