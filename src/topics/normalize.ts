/**
 * How topic matching sees text: folded case and accents, hyphens and other joiners as spaces, and a
 * small plural rule, so `Sparse-Experts`, `sparse experts` and `sparse expert` are the same words.
 * Matching compares whole words, which is what keeps `rope` from matching `Europe`. The rules
 * themselves (folding, joiners, plurals) live in src/text/normalize.ts, shared with search.
 */
import { fold, JOINERS, singular, WORD } from '../text/normalize.ts';

export interface NormalizedText {
  /** Stemmed words in order. */
  words: string[];
  /** Joined forms of glued chunks (`pre-training` → `pretraining`), so either spelling matches the other. */
  compounds: string[];
}

/**
 * Folded text with apostrophes gone (`Europe's` → `europe`, `don't` → `dont`), so words never glue
 * at them. The one place both normalizeText and the feed scanner (vocabulary.ts) start from.
 */
export function foldForWords(text: string): string {
  const folded = fold(text); // fold straightened the typographic apostrophes
  return folded.includes("'") ? folded.replace(/'s(?![\p{L}\p{N}])/gu, '').replace(/'/g, '') : folded;
}

/** Splits text into stemmed words; apostrophes vanish (`Europe's` → `europe`). */
export function normalizeText(text: string): NormalizedText {
  const words: string[] = [];
  const compounds: string[] = [];
  for (const chunk of foldForWords(text).match(WORD) ?? []) {
    const parts = chunk.split(JOINERS).filter(Boolean);
    for (const part of parts) words.push(singular(part));
    if (parts.length > 1) compounds.push(singular(parts.join('')));
  }
  return { words, compounds };
}

/** The stemmed words of a phrase. */
export function phraseWords(text: string): string[] {
  return normalizeText(text).words;
}

/** The phrase written as one word (`pre training` → `pretraining`), to meet glued spellings. */
export function joinedWord(text: string): string {
  return singular(fold(text).replace(/'s(?![\p{L}\p{N}])/gu, '').replace(/[^\p{L}\p{N}]+/gu, ''));
}

/** A stable key for a phrase: its stemmed words joined by spaces. */
export function phraseKey(text: string): string {
  return phraseWords(text).join(' ');
}
