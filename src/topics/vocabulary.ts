/**
 * The words an index of topics looks for, and a scanner that finds them in feed text without building
 * each word as a string. It reads text exactly as normalizeText (normalize.ts) does, folded, split into
 * words at the same boundaries and joiners, each word singular, but a word it does not know is only a
 * -1 in the output. A word it might know is looked up by a hash computed while reading its characters,
 * in a table of every spelling whose singular is a known word (`expert` → `expert`, `experts`), so most
 * words cost neither an allocation nor a Map lookup. Feed text is most of a poll's matching work: this
 * is what makes it cheap. test/unit/topics/vocabulary.test.ts holds it to normalizeText.
 */
import { singular } from '../text/normalize.ts';
import { foldForWords } from './normalize.ts';

/** Ids for stemmed words, handed out while topics are compiled; then frozen into a Vocabulary. */
export class VocabularyBuilder {
  private readonly ids = new Map<string, number>();

  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
    }
    return id;
  }

  build(): Vocabulary {
    return new Vocabulary(this.ids);
  }
}

/** The words of one text: their ids in order (-1 for unknown words), and the ids of known compounds. */
export interface ScannedWords {
  /** Valid up to `count`; reused by the next scan. */
  readonly ids: Int32Array;
  readonly count: number;
  /** Glued chunks (`pre-training`) written as one word, when that word is known; reused by the next scan. */
  readonly compounds: readonly number[];
}

/** Characters that glue one word's pieces, as JOINERS in src/text/normalize.ts: - _ . ' / + */
const JOINER_CODES: ReadonlySet<number> = new Set([...`-_.'/+`].map((c) => c.charCodeAt(0)));
/** ASCII letters and digits. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));
/** ASCII with capitals lowered. */
const ASCII_LOWER = Uint8Array.from({ length: 128 }, (_, c) => String.fromCharCode(c).toLowerCase().charCodeAt(0));
/**
 * Anything but ASCII, a backslash (LaTeX accents) or an apostrophe: text without these folds to its
 * own lower case, so it is read as it is, with capitals lowered on the way.
 */
const NEEDS_FOLDING = /[\\'\u0080-\uFFFF]/;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Whether a code point past ASCII is a letter or digit; feeds use few of them, so remember each answer. */
const wideAnswers = new Map<number, boolean>();

/** How many UTF-16 units the letter or digit at `i` takes (0 when it is neither), as WORD reads it. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c]!;
  const cp = text.codePointAt(i)!;
  let yes = wideAnswers.get(cp);
  if (yes === undefined) {
    yes = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
    wideAnswers.set(cp, yes);
  }
  return yes ? (cp > 0xffff ? 2 : 1) : 0;
}

/** The character at `i` as folding would leave it (only ASCII capitals can remain: see NEEDS_FOLDING). */
function foldedAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_LOWER[c]! : c;
}

const hashStep = (h: number, c: number): number => (Math.imul(h, 31) + c) | 0;

function hashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

/**
 * Every spelling whose singular is `word`: singular() only ever drops a final s, es or e, or turns
 * ies into y, so these candidates cover them all; the check keeps the right ones.
 */
function spellingsOf(word: string): string[] {
  const candidates = new Set([word, `${word}s`, `${word}es`, `${word}e`]);
  if (word.endsWith('y')) candidates.add(`${word.slice(0, -1)}ies`);
  return [...candidates].filter((spelling) => singular(spelling) === word);
}

export class Vocabulary {
  readonly size: number;
  private readonly spellings: string[] = [];
  private readonly spellingWord: number[] = [];
  /** Open addressing: slot → spelling index (-1 empty), and that spelling's hash. */
  private readonly slots: Int32Array;
  private readonly slotHashes: Int32Array;
  private readonly mask: number;
  private ids: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly compounds: number[] = [];

  constructor(words: ReadonlyMap<string, number>) {
    this.size = words.size;
    for (const [word, id] of words) {
      for (const spelling of spellingsOf(word)) {
        this.spellings.push(spelling);
        this.spellingWord.push(id);
      }
    }
    let capacity = 16;
    while (capacity < this.spellings.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    this.slotHashes = new Int32Array(capacity);
    this.spellings.forEach((spelling, index) => {
      const h = hashOf(spelling);
      let slot = h & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = index;
      this.slotHashes[slot] = h;
    });
  }

  /** The words of `text` as normalizeText(text) has them, by id. The result is reused by the next call. */
  scan(text: string): ScannedWords {
    const s = NEEDS_FOLDING.test(text) ? foldForWords(text) : text;
    const n = s.length;
    let count = 0;
    this.compounds.length = 0;
    let i = 0;
    while (i < n) {
      let width = wordCharAt(s, i);
      if (width === 0) {
        i++;
        continue;
      }
      // One chunk: letters and digits, possibly glued by single joiners (`gpt-3.5`, `input/output`).
      const chunkStart = i;
      let chunkHash = 0;
      let parts = 0;
      for (;;) {
        const partStart = i;
        let h = 0;
        while (width > 0) {
          h = hashStep(h, foldedAt(s, i));
          if (width === 2) h = hashStep(h, s.charCodeAt(i + 1));
          i += width;
          width = i < n ? wordCharAt(s, i) : 0;
        }
        if (count === this.ids.length) this.ids = growInt32(this.ids);
        this.ids[count++] = this.lookup(s, partStart, i, h, false);
        chunkHash = parts === 0 ? h : combineHash(chunkHash, s, partStart, i);
        parts++;
        if (i + 1 < n && JOINER_CODES.has(s.charCodeAt(i)) && (width = wordCharAt(s, i + 1)) > 0) {
          i++;
          continue;
        }
        break;
      }
      if (parts > 1) {
        const compound = this.lookup(s, chunkStart, i, chunkHash, true);
        if (compound >= 0) this.compounds.push(compound);
      }
    }
    return { ids: this.ids, count, compounds: this.compounds };
  }

  /** The id of the known word whose spelling is s[start, end) (joiners skipped when `glued`), or -1. */
  private lookup(s: string, start: number, end: number, h: number, glued: boolean): number {
    let slot = h & this.mask;
    for (;;) {
      const index = this.slots[slot]!;
      if (index === -1) return -1;
      if (this.slotHashes[slot] === h) {
        const spelling = this.spellings[index]!;
        if (spelledAs(s, start, end, spelling, glued)) return this.spellingWord[index]!;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Whether s[start, end), folded (and without its joiners when `glued`), is `spelling`. */
function spelledAs(s: string, start: number, end: number, spelling: string, glued: boolean): boolean {
  if (!glued && spelling.length !== end - start) return false;
  let k = 0;
  for (let i = start; i < end; i++) {
    const c = foldedAt(s, i);
    // Inside a chunk every joiner is glue between two parts.
    if (glued && JOINER_CODES.has(c)) continue;
    if (c !== spelling.charCodeAt(k++)) return false;
  }
  return k === spelling.length;
}

/** The hash of a glued chunk's parts written together: continue the rolling hash over the next part. */
function combineHash(h: number, s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) h = hashStep(h, foldedAt(s, i));
  return h;
}

function growInt32(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
