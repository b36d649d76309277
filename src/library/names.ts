/** Author names from the lists' three spellings: BibTeX `A and B`, Chicago `Family, Given, …`, plain `Given Family`. */
import type { Author } from './types.ts';

/** Lower-case name particles that belong to the family name (`Nando de Freitas`, `Allie Del Giorno`). */
const PARTICLES = new Set(['de', 'del', 'della', 'der', 'den', 'van', 'von', 'da', 'di', 'du', 'dos', 'das', 'le', 'la', 'ter', 'ten', 'st.', 'bin', 'al']);

export interface ParsedAuthors {
  authors: Author[];
  /** The list said "et al." (or "others") instead of naming everyone. */
  truncated: boolean;
  /** Parts that were not names at all (`:`) and were dropped. */
  dropped: string[];
}

const hasLetter = (text: string): boolean => /\p{L}/u.test(text);

/** Generational suffixes written after the family name (`Ronald McClelland Jr.`). */
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;
/** A trailing word that makes a name a group's, not a person's (`SIMA Team`). */
const GROUP_WORD = /^(?:Team|Consortium|Collaboration)$/i;

/**
 * One name. Organisations and handles (`01.AI`, `emozilla`: a digit, or a single word; `SIMA Team`)
 * become `{ literal }`; `Family, Given` and `Given [particles] Family [suffix]` become
 * `{ given, family[, suffix] }`.
 */
export function parseName(raw: string): Author | null {
  const text = raw.replace(/\s+/g, ' ').trim().replace(/^\{(.*)\}$/, '$1');
  if (!hasLetter(text)) return null;
  // BibTeX exports split "01.AI" into "01. AI"; glue a numeric prefix back to its word.
  if (/\d/.test(text)) return { literal: text.replace(/(\d+\.)\s+(?=\p{Lu})/gu, '$1') };
  const comma = text.indexOf(',');
  if (comma > 0) {
    const family = text.slice(0, comma).trim();
    const given = text.slice(comma + 1).trim();
    return given ? { given, family } : { literal: family };
  }
  const words = text.split(' ');
  if (words.length === 1 || GROUP_WORD.test(words.at(-1)!)) return { literal: text };
  const suffix = words.length > 2 && SUFFIX.test(words.at(-1)!) ? words.pop()! : undefined;
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase())) start -= 1;
  const name = { given: words.slice(0, start).join(' '), family: words.slice(start).join(' ') };
  return suffix ? { ...name, suffix } : name;
}

function fromParts(parts: string[]): ParsedAuthors {
  const authors: Author[] = [];
  const dropped: string[] = [];
  let truncated = false;
  for (const part of parts) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    if (/^(et al\.?|others)$/i.test(trimmed)) {
      truncated = true;
      continue;
    }
    const name = parseName(trimmed);
    if (name) authors.push(name);
    else dropped.push(trimmed);
  }
  return { authors, truncated, dropped };
}

/** BibTeX / notes style: `Jason Wei and Xuezhi Wang and …`. */
export function parseAndList(text: string): ParsedAuthors {
  return fromParts(text.split(/\s+and\s+/));
}

/**
 * Chicago style: the first author inverted (`Zoph, Barret`), the rest `Given Family`, joined by commas
 * and a final `and`, possibly ending in `et al.`.
 */
export function parseChicagoAuthors(text: string): ParsedAuthors {
  let body = text.trim();
  // Drop the sentence's final period, but not an initial's (`… Lakshya A.`).
  if (/\.$/.test(body) && !/(^|\s)\p{Lu}\.$/u.test(body)) body = body.slice(0, -1);
  let truncated = false;
  const etAl = /,?\s*et al\.?$/i.exec(body);
  if (etAl) {
    truncated = true;
    body = body.slice(0, etAl.index);
  }
  const parts = body.split(/,\s*(?:and\s+)?|\s+and\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { authors: [], truncated, dropped: [] };
  if (parts.length === 1) {
    const result = fromParts(parts);
    return { ...result, truncated: truncated || result.truncated };
  }
  const [family, given, ...rest] = parts;
  const first: Author = { given: given!, family: family! };
  const others = fromParts(rest);
  return { authors: [first, ...others.authors], truncated: truncated || others.truncated, dropped: others.dropped };
}

/** Display form for reports and author matching: `Given Family[ Suffix]`, organisations as written. */
export function authorName(author: Author): string {
  return 'literal' in author ? author.literal : [author.given, author.family, author.suffix ?? ''].join(' ').replace(/\s+/g, ' ').trim();
}

/** The name to sort and abbreviate by: the family name, or an organisation's name as written. */
export function familyName(author: Author): string {
  return 'literal' in author ? author.literal : author.family;
}
