import type { Author, PaperEntry } from '../library/types.ts';

/**
 * BibTeX keys: family name of the first author + year + first significant title word, lower-case
 * ASCII (`wei2022chainofthought`). Derived only from our fields, so the same entry always gets the
 * same key; `assignCitationKeys` makes them unique across a library.
 */

const STOPWORDS = new Set([
  'a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'or', 'with', 'by', 'from', 'at', 'as',
  'is', 'are', 'be', 'via', 'towards', 'toward', 'into', 'do', 'does', 'can', 'what', 'how', 'why',
  'when', 'we', 'you', 'your', 'our', 'its', 'it', 'this', 'that', 'all', 'not',
]);

/** Lower-case ASCII letters and digits only: accents folded (`Müller` → `muller`), the rest dropped. */
function asciiToken(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function authorPart(author: Author | undefined): string {
  if (!author) return 'anon';
  const name = 'literal' in author ? (author.literal.split(/\s+/)[0] ?? '') : author.family;
  return asciiToken(name) || 'anon';
}

function titleWord(title: string): string {
  for (const word of title.split(/\s+/)) {
    const token = asciiToken(word);
    if (token !== '' && !STOPWORDS.has(token)) return token;
  }
  return '';
}

export function citationKey(entry: PaperEntry): string {
  return `${authorPart(entry.authors[0])}${entry.year ?? 'nd'}${titleWord(entry.title)}`;
}

/**
 * Keys for a whole library (entry id → key). Entries whose keys collide are ordered by id; the first
 * keeps the plain key and the others get `b`, `c`, … so adding an unrelated paper never renames one.
 */
export function assignCitationKeys(entries: readonly PaperEntry[]): Map<string, string> {
  const byKey = new Map<string, PaperEntry[]>();
  for (const entry of entries) {
    const key = citationKey(entry);
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const keys = new Map<string, string>();
  for (const [key, group] of byKey) {
    const sorted = [...group].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    sorted.forEach((entry, i) => keys.set(entry.id, i === 0 ? key : `${key}${suffix(i)}`));
  }
  return keys;
}

/** 1 → b, 2 → c, … 24 → y; past that z1, z2, … (keys stay [a-z0-9], never the plain key). */
function suffix(index: number): string {
  return index < 25 ? String.fromCharCode(97 + index) : `z${index - 24}`;
}
