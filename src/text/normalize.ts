/**
 * How paperclub reads people's text, in one place: quotes, hyphens, accents (Unicode and LaTeX), case
 * and plurals. Search (src/search), topic matching (src/topics) and the command tokenizer
 * (src/commands/command-line.ts) all import these rules, so a topic, a query and a typed command can
 * never disagree about what a quote, a hyphen or a plural is.
 */

// ---------- quotes ----------

/**
 * Double quotes as people type them: straight, typographic (Slack, macOS and phone keyboards turn `"`
 * into `“ ”`), German low-9 `„`, reversed `‟`, and the double prime `″` some keyboards produce.
 */
export const DOUBLE_QUOTES: ReadonlySet<string> = new Set(['"', '\u201C', '\u201D', '\u201E', '\u201F', '\u2033']);
/** Single quotes: straight, typographic `‘ ’`, low-9 `‚` and reversed `‛`. */
export const SINGLE_QUOTES: ReadonlySet<string> = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);

export const isDoubleQuote = (ch: string): boolean => DOUBLE_QUOTES.has(ch);
export const isSingleQuote = (ch: string): boolean => SINGLE_QUOTES.has(ch);

/**
 * Whether `ch` closes a group opened by `open`. Any double quote closes a double-quoted group and any
 * single quote a single-quoted one, so `“mixture of experts"` (a phone's opening quote, a straight
 * closing one) and `„Mischung“` both group.
 */
export function closesQuote(open: string, ch: string): boolean {
  return isDoubleQuote(open) ? isDoubleQuote(ch) : isSingleQuote(open) && isSingleQuote(ch);
}

/** Typographic quotes as the straight ones people meant. One UTF-16 unit each: positions are unchanged. */
export function straightenQuotes(text: string): string {
  return text.replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"').replace(/[\u2018\u2019\u201A\u201B]/g, "'");
}

/** Removes one pair of quotes around a whole text (`"attention is all you need"` → the words). */
export function unquote(text: string): string {
  const t = text.trim();
  const first = t[0];
  const last = t.at(-1);
  if (t.length >= 2 && first !== undefined && last !== undefined && closesQuote(first, last)) return t.slice(1, -1).trim();
  return t;
}

// ---------- hyphens ----------

/**
 * Hyphens that join words the way `-` does: the Unicode hyphen and non-breaking hyphen (`Chain‐of‐Thought`
 * copied from a PDF), the figure dash, the en dash of `Kullback–Leibler` and the minus sign. The em dash
 * separates clauses, so it stays a separator. Soft hyphens are invisible and dropped.
 */
export function straightenHyphens(text: string): string {
  return text.replace(/[\u2010-\u2013\u2212]/g, '-').replace(/\u00AD/g, '');
}

// ---------- accents ----------

/** LaTeX accents as arXiv and BibTeX write them: `Andr\'e` → `Andre`, `G\"{o}del` → `Godel`. */
const LATEX_ACCENT = /\\[`'"^~=.uvHck]\{?([A-Za-z])\}?/g;
/** LaTeX letters: `S{\o}ren`, `Stanis{\l}aw`, `\AA{}ngstr\"om`. */
const LATEX_LETTER = /\{\\(o|O|l|L|ss|ae|AE|oe|OE|aa|AA|i)\}|\\(o|O|l|L|ss|ae|AE|oe|OE|aa|AA|i)(?![A-Za-z])/g;
const LATEX_LETTERS: Record<string, string> = { o: 'o', O: 'O', l: 'l', L: 'L', ss: 'ss', ae: 'ae', AE: 'AE', oe: 'oe', OE: 'OE', aa: 'a', AA: 'A', i: 'i' };
/** Latin letters NFKD does not decompose, with their plain spellings. */
const PLAIN_LETTERS: Record<string, string> = { ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', đ: 'd', Đ: 'D', ı: 'i' };
const NOT_PLAIN = /[\\\u0080-\uFFFF]/;

/**
 * Accents removed, case kept (camel case still splits): `Thérien` → `Therien`, `G\"unther` → `Gunther`,
 * `Søren` → `Soren`, `ﬁ` → `fi`; quotes and hyphens straightened. Greek letters stay Greek (`ΨPO`).
 */
export function plainText(text: string): string {
  if (!NOT_PLAIN.test(text)) return text;
  return straightenHyphens(straightenQuotes(text))
    .replace(LATEX_ACCENT, '$1')
    .replace(LATEX_LETTER, (_m, braced?: string, bare?: string) => LATEX_LETTERS[braced ?? bare ?? ''] ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øØłŁßæÆœŒđĐı]/gu, (c) => PLAIN_LETTERS[c] ?? c);
}

/** Lower case without accents: `Benjamin Thérien` → `benjamin therien`, `ΨPO` → `ψpo`. */
export function fold(text: string): string {
  return plainText(text).toLowerCase();
}

// ---------- words ----------

/** Characters that glue one word's pieces: `gpt-3`, `1.58`, `don't`, `text-to-text`, `input/output`, `c++x`. */
export const JOINERS = /[-_.'/+]/;
/** A word: letters and digits, possibly glued by joiners. Everything else separates words. Use on plainText(). */
export const WORD = /[\p{L}\p{N}]+(?:[-_.'/+][\p{L}\p{N}]+)*/gu;

// ---------- plurals ----------

/**
 * One small plural rule for every folded word: `models` → `model`, `studies` → `study`, `approaches` →
 * `approach`, `biases` → `bias`, `LoRAs` → `lora`. A full stemmer would conflate names (`Mamba`, `Gemma`)
 * that people search for and track verbatim, so only trailing s/es/ies go. Singulars ending in -ss, -us,
 * -is and -ias keep their s (`process`, `corpus`, `analysis`, `bias`). A final -che loses its e so that
 * `cache` and `caches` meet (`caches` → `cach`), as `approach` and `approaches` do.
 */
export function singular(word: string): string {
  // Cheap checks first: this runs for every word of every entry.
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (!word.endsWith('s')) return word.endsWith('che') ? word.slice(0, -1) : word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|ch|sh|x|zz|ias)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is|ias)$/.test(word)) return word;
  return word.slice(0, -1);
}
