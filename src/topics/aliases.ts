/**
 * The library's nicknames, so a topic `DPO` also matches "Direct Preference Optimization". Each
 * library entry contributes a group of names for one work: its a.k.a.s, its title and, for
 * `Name: Subtitle` titles, both halves. A topic term that equals any name in a group also looks
 * for the others.
 */
import type { PaperEntry } from '../library/types.ts';
import { phraseKey, phraseWords } from './normalize.ts';

export interface AliasTable {
  /** Phrase key (stemmed words) → the other names of the same work(s), as written in the library. */
  readonly byKey: ReadonlyMap<string, readonly string[]>;
}

export const EMPTY_ALIASES: AliasTable = { byKey: new Map() };

/** Names shorter than this (after normalising) are too ambiguous to expand. */
const MIN_KEY_LENGTH = 2;

export function buildAliasTable(entries: readonly PaperEntry[]): AliasTable {
  const byKey = new Map<string, Set<string>>();
  for (const entry of entries) {
    const names = namesOf(entry);
    if (names.length < 2) continue;
    for (const { name } of names) {
      const key = phraseKey(name);
      if (key.length < MIN_KEY_LENGTH) continue;
      const others = byKey.get(key) ?? new Set<string>();
      for (const other of names) if (other.target && phraseKey(other.name) !== key) others.add(other.name);
      if (others.size > 0) byKey.set(key, others);
    }
  }
  return { byKey: new Map([...byKey].map(([key, names]) => [key, [...names]])) };
}

/** Other names for a phrase; empty when the library knows none. */
export function aliasesOf(table: AliasTable, phrase: string): readonly string[] {
  return table.byKey.get(phraseKey(phrase)) ?? [];
}

const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'its',
  'of', 'on', 'or', 'the', 'to', 'via', 'vs', 'with', 'we', 'our', 'your', 'you', 'all', 'need',
]);

/**
 * A name another term may expand to. A.k.a.s and full titles always; a title half only when it has
 * two content words, so "Large Language Models: A Survey" never makes `a survey` an alias.
 */
interface AliasName {
  name: string;
  target: boolean;
}

function namesOf(entry: PaperEntry): AliasName[] {
  const names: AliasName[] = entry.aka.map((a) => ({ name: a.trim(), target: true }));
  const title = entry.title.trim();
  if (title !== '') names.push({ name: title, target: true });
  const colon = title.indexOf(':');
  if (colon > 0) {
    for (const half of [title.slice(0, colon).trim(), title.slice(colon + 1).trim()]) {
      names.push({ name: half, target: contentWords(half) >= 2 });
    }
  }
  const seen = new Map<string, AliasName>();
  for (const candidate of names) {
    const key = phraseKey(candidate.name);
    if (key === '') continue;
    const known = seen.get(key);
    if (known) known.target ||= candidate.target;
    else seen.set(key, { ...candidate });
  }
  return [...seen.values()];
}

function contentWords(text: string): number {
  return phraseWords(text).filter((w) => !STOPWORDS.has(w)).length;
}
