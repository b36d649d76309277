/** Title normalisation, similarity and slugs: the keys merging and ids are built on. */

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'for', 'and', 'in', 'on', 'with', 'to', 'is', 'are', 'by', 'via', 'from', 'at', 'as']);

/** Lower case, no accents, punctuation to spaces: `GPT-3: Few-Shot!` → `gpt 3 few shot`. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Letters and digits only: `Flash Attention` and `FlashAttention` share the key `flashattention`. */
export const compactKey = (text: string): string => normaliseTitle(text).replace(/\s+/g, '');

/** At most this many words before `:`/`;` make a nickname prefix rather than part of a sentence. */
export const MAX_NICKNAME_WORDS = 3;

/** `DPO; Direct Preference …` → { prefix: 'DPO', rest: 'Direct Preference …', separator: ';' }. */
export function splitPrefix(title: string): { prefix: string; rest: string; separator: ';' | ':' } | null {
  const m = /^([^:;]{1,40}?)\s*([:;])\s+(.+)$/.exec(title.trim());
  if (!m) return null;
  const prefix = m[1]!.trim();
  if (prefix.split(/\s+/).length > MAX_NICKNAME_WORDS) return null;
  return { prefix, rest: m[3]!.trim(), separator: m[2] as ';' | ':' };
}

/** Content words of a title: folded, stop words dropped, plural `s` folded. */
export function contentTokens(title: string): Set<string> {
  const tokens = normaliseTitle(title)
    .split(' ')
    .filter((t) => t !== '' && !STOP_WORDS.has(t))
    .map((t) => (t.length > 3 && t.endsWith('s') ? t.slice(0, -1) : t));
  return new Set(tokens);
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** The title with and without a short nickname prefix (`Chinchilla: Training …` → both forms). */
export function titleVariants(title: string): string[] {
  const split = splitPrefix(title);
  return split ? [title, split.rest] : [title];
}

/** The content words of a title's variants, for comparing one title with many (`similarityOfTokens`). */
export function titleTokens(title: string): Array<Set<string>> {
  return titleVariants(title).map(contentTokens);
}

/** `titleSimilarity` of two titles already split by `titleTokens`. */
export function similarityOfTokens(a: ReadonlyArray<Set<string>>, b: ReadonlyArray<Set<string>>): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, dice(x, y));
  return best;
}

/**
 * Token-overlap similarity in [0, 1] (Dice over content words, plural `s` folded), the best over
 * the titles with and without nickname prefixes. Two listings of one paper score ≥ 0.8 in the seeds;
 * different papers sharing an id by mistake score near 0.
 */
export function titleSimilarity(a: string, b: string): number {
  return similarityOfTokens(titleTokens(a), titleTokens(b));
}

/** Below this, two titles given for one arXiv id are different papers (a wrong link in a list). */
export const SAME_WORK_THRESHOLD = 0.5;

/**
 * At or above this, a title names the same paper as another (listings of one paper score ≥ 0.8 in the
 * seeds). Strong enough to move a mislinked listing to the id whose arXiv title it gives.
 */
export const SAME_TITLE_THRESHOLD = 0.8;

export const isAllCaps = (text: string): boolean => /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);

const SLUG_WORDS = 6;

/** `Vicuna: An Open-Source Chatbot …` → `vicuna-an-open-source-chatbot-impressing` (empty when no a–z0–9). */
export function slugOf(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, SLUG_WORDS)
    .join('-');
}
