/**
 * Text repair for messy reading lists. Every function is pure; `RepairLog` records each change with
 * its before/after text so `import --report` can show exactly what was touched.
 */
import iconv from 'iconv-lite';
import type { RepairKind, SourceRef } from './types.ts';
import type { Repair } from './raw.ts';

export class RepairLog {
  readonly items: Repair[] = [];

  /** Applies `fix` and records it when it changed the text. */
  apply(source: SourceRef, kind: RepairKind, before: string, fix: (text: string) => string): string {
    const after = fix(before);
    if (after !== before) this.items.push({ source: { ...source }, kind, before, after });
    return after;
  }

  record(source: SourceRef, kind: RepairKind, before: string, after: string): void {
    if (after !== before) this.items.push({ source: { ...source }, kind, before, after });
  }

  /** Like apply, but records only the changed words of a long line (`ALiBi¬†` → `ALiBi\u00a0`). */
  applyToLine(source: SourceRef, kind: RepairKind, line: string, fix: (text: string) => string): string {
    const after = fix(line);
    if (after !== line) {
      const span = changedWords(line, after);
      this.items.push({ source: { ...source }, kind, before: span.before, after: span.after });
    }
    return after;
  }
}

/** The whitespace-delimited word(s) around `text.slice(offset, offset + length)`. */
function wordAround(text: string, offset: number, length: number): string {
  let start = offset;
  let end = offset + length;
  while (start > 0 && !/[\s|]/.test(text[start - 1]!)) start -= 1;
  while (end < text.length && !/[\s|]/.test(text[end]!)) end += 1;
  return text.slice(start, end);
}

/** The smallest whitespace-delimited span of `before` that differs from `after`, and its replacement. */
export function changedWords(before: string, after: string): { before: string; after: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB -= 1;
    endA -= 1;
  }
  // Widen to word boundaries so the span reads as text, not as half a code point.
  while (start > 0 && !/[\s|]/.test(before[start - 1]!)) start -= 1;
  while (endB < before.length && !/[\s|]/.test(before[endB]!)) {
    endB += 1;
    endA += 1;
  }
  return { before: before.slice(start, endB), after: after.slice(start, endA) };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Runs of non-ASCII characters: UTF-8 read as Mac Roman turns every multi-byte character into one. */
const NON_ASCII_RUN = /[^\p{ASCII}]+/gu;
/**
 * Typographic marks that are also Mac Roman lead bytes (“ ” ‘ ’ – — … « »). Followed by an accented
 * letter they can form a valid 2-byte sequence by accident (“é → Ҏ), so such a pair alone is never
 * taken for mojibake.
 */
const PUNCTUATION_LEADS = new Set(['\u201c', '\u201d', '\u2018', '\u2019', '\u2013', '\u2014', '\u2026', '\u00ab', '\u00bb']);

function utf8SequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function decodeSequence(bytes: Uint8Array): string | null {
  try {
    const text = STRICT_UTF8.decode(bytes);
    // C1 controls never appear in real text; a "decode" into them is a false positive.
    return /[\u0080-\u009f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}

/** Mac Roman 0xF0 is the Apple logo, U+F8FF; iconv-lite's table maps that byte to U+FFFD. */
const APPLE_LOGO = '\uf8ff';

/** The run's Mac Roman bytes, one per character, or null when a character is not in Mac Roman. */
function macRomanBytes(chars: string[]): Uint8Array | null {
  const bytes = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    if (ch === APPLE_LOGO) {
      bytes[i] = 0xf0;
      continue;
    }
    const encoded = iconv.encode(ch, 'macintosh');
    if (encoded.length !== 1 || iconv.decode(encoded, 'macintosh') !== ch) return null;
    bytes[i] = encoded[0]!;
  }
  return bytes;
}

/** Repairs one run of non-ASCII characters; characters that do not form a valid UTF-8 sequence stay. */
function repairRun(run: string): string {
  const chars = [...run];
  const bytes = macRomanBytes(chars);
  // Characters outside Mac Roman (→, 藤) cannot be mojibake of this kind: leave the run alone.
  if (!bytes) return run;
  let out = '';
  let decodedAny = false;
  let i = 0;
  while (i < bytes.length) {
    const n = utf8SequenceLength(bytes[i]!);
    const decoded = n > 0 && i + n <= bytes.length ? decodeSequence(bytes.subarray(i, i + n)) : null;
    const accidentalPair = n === 2 && PUNCTUATION_LEADS.has(chars[i]!) && bytes.length === 2;
    if (decoded !== null && !accidentalPair) {
      out += decoded;
      decodedAny = true;
      i += n;
    } else {
      out += chars[i];
      i += 1;
    }
  }
  return decodedAny ? out : run;
}

/**
 * Undoes UTF-8 that was decoded as Mac Roman (`Œ®PO` → `ΨPO`, `Ëó§‰∫ï` → `藤井`). A run is only
 * re-decoded where its bytes form valid UTF-8, so real accents (`Thérien`, `Rozière`) are kept.
 */
export function repairMojibake(text: string): string {
  return text.replace(NON_ASCII_RUN, repairRun);
}

export const replaceNbsp = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

/** `\*` → `*`, `\#` → `#`, `\@` → `@`, `\_` → `_` (any backslash-escaped markdown punctuation). */
export const unescapeMarkdown = (text: string): string => text.replace(/\\([\\`*_{}[\]()#+\-.!@|<>~])/g, '$1');

/** `<br>`, `</br>`, `<br/>` inside a cell become one space. */
export const collapseBreaks = (text: string): string =>
  text.replace(/\s*<\/?br\s*\/?>\s*/gi, ' ').replace(/ {2,}/g, ' ').trim();

/** Splits a cell on `<br>` / `</br>` markers. */
export const splitOnBreaks = (text: string): string[] => text.split(/<\/?br\s*\/?>/i);

/**
 * Cuts a BibTeX entry at the brace that closes it. Returns the entry exactly as given and whatever
 * followed the closing brace on the rest of the block (`X` in `}X`). Null when braces never balance.
 */
export function splitBibtexEntry(block: string): { entry: string; trailing: string } | null {
  const start = block.indexOf('@');
  if (start < 0) return null;
  const open = block.indexOf('{', start);
  if (open < 0) return null;
  let depth = 0;
  for (let i = open; i < block.length; i += 1) {
    const ch = block[i];
    if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) return { entry: block.slice(start, i + 1), trailing: block.slice(i + 1) };
    }
  }
  return null;
}

export interface RepairedLines {
  lines: string[];
  log: RepairLog;
}

/**
 * Format-neutral repairs applied to every line before parsing: mojibake, non-breaking spaces, and a
 * file cut off mid-link (no final newline, an unclosed `[label](…`): the broken link is dropped and
 * the rest of the line kept.
 */
export function repairFileText(file: string, text: string): RepairedLines {
  const log = new RepairLog();
  const raw = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const endsWithNewline = /\n$/.test(text);
  if (endsWithNewline) raw.pop();
  const lines = raw.map((line, index) => {
    const source = { file, line: index + 1 };
    const fixed = line.replace(NON_ASCII_RUN, (run: string, offset: number) => {
      const repaired = repairRun(run);
      // One record per garbled word, so a line with two of them reports both plainly.
      if (repaired !== run) log.record(source, 'mojibake', wordAround(line, offset, run.length), wordAround(line, offset, run.length).replace(run, repaired));
      return repaired;
    });
    return log.applyToLine(source, 'nbsp', fixed, replaceNbsp);
  });
  if (!endsWithNewline && lines.length > 0) {
    const last = lines.length - 1;
    lines[last] = log.apply({ file, line: last + 1 }, 'truncated', lines[last]!, dropBrokenTrailingLink);
  }
  return { lines, log };
}

/**
 * Removes a markdown link whose URL never closes at the end of a cut-off line. When it is the line's
 * first link (an entry's title link) its label is kept as plain text; otherwise the link and its
 * separator go.
 */
export function dropBrokenTrailingLink(line: string): string {
  const m = /\[([^\]]*)\]\([^)]*$/.exec(line);
  if (!m) return line;
  const before = line.slice(0, m.index);
  if (!/\[[^\]]*\]\(/.test(before) && m[1]!.trim() !== '') return `${before}${m[1]}`;
  return before.replace(/[\s,;(]+$/, '').trimEnd();
}
