/**
 * How topic matching sees text: folded case and accents, hyphens and other joiners as spaces, and a
 * small plural rule, so `Sparse-Experts`, `sparse experts` and `sparse expert` are the same words.
 * Matching compares whole words, which is what keeps `rope` from matching `Europe`.
 */

/** LaTeX accents as arXiv writes them in author names: `Andr\'e` → `Andre`, `G\"{o}del` → `Godel`. */
const LATEX_ACCENT = /\\[`'"^~=.uvHck]\{?([A-Za-z])\}?/g;

/** LaTeX letters and the Latin letters NFKD does not decompose: `S{\o}ren`, `Stanis{\l}aw`, `Søren`. */
const LATEX_LETTER = /\{\\(o|O|l|L|ss|ae|AE|aa|AA|i)\}|\\(o|O|l|L|ss|ae|AE|aa|AA|i)(?![A-Za-z])/g;
const PLAIN_LETTERS: Record<string, string> = { ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ı: 'i', å: 'a' };

/** Lower case without accents: `Thérien` → `therien`, `G\"unther` → `gunther`. */
export function fold(text: string): string {
  return text
    .replace(LATEX_ACCENT, '$1')
    .replace(LATEX_LETTER, (_m, braced?: string, bare?: string) => braced ?? bare ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øłßæœđıå]/gu, (c) => PLAIN_LETTERS[c] ?? c);
}

/**
 * Trailing s/es/ies only (`experts` → `expert`, `approaches` → `approach`, `studies` → `study`). A real
 * stemmer would conflate model names (`Mamba`, `Gemma`) that people track verbatim. Singulars ending
 * in -ss, -us, -is and -ias keep their s (`bias`, `biases` → `bias`).
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|ch|sh|x|z|ias)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is|ias)$/.test(word)) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** A chunk of letters and digits possibly glued by joiners: `pre-training`, `gpt-3.5`, `input/output`. */
const CHUNK = /[\p{L}\p{N}]+(?:[-_./+][\p{L}\p{N}]+)*/gu;
const JOINER = /[-_./+]/u;

export interface NormalizedText {
  /** Stemmed words in order. */
  words: string[];
  /** Joined forms of glued chunks (`pre-training` → `pretraining`), so either spelling matches the other. */
  compounds: string[];
}

/** Splits text into stemmed words; apostrophes vanish (`Europe's` → `europe`). */
export function normalizeText(text: string): NormalizedText {
  const words: string[] = [];
  const compounds: string[] = [];
  const plain = fold(text).replace(/['’]s(?![\p{L}\p{N}])/gu, '').replace(/['’]/gu, '');
  for (const chunk of plain.match(CHUNK) ?? []) {
    const parts = chunk.split(JOINER).filter(Boolean);
    for (const part of parts) words.push(stem(part));
    if (parts.length > 1) compounds.push(stem(parts.join('')));
  }
  return { words, compounds };
}

/** The stemmed words of a phrase. */
export function phraseWords(text: string): string[] {
  return normalizeText(text).words;
}

/** The phrase written as one word (`pre training` → `pretraining`), to meet glued spellings. */
export function joinedWord(text: string): string {
  return stem(fold(text).replace(/['’]s(?![\p{L}\p{N}])/gu, '').replace(/[^\p{L}\p{N}]+/gu, ''));
}

/** A stable key for a phrase: its stemmed words joined by spaces. */
export function phraseKey(text: string): string {
  return phraseWords(text).join(' ');
}
