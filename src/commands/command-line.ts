/**
 * The text form of a command line, as typed in Slack and the console and carried by buttons:
 * whitespace-separated words, "double quotes" (also typographic “ ” and „ “ that Slack, macOS and
 * phones substitute) group words anywhere in a word (`au:"Tri Dao"`), 'single quotes' group only at the
 * start of a word so apostrophes (`what's`) stay literal. Which characters are quotes is decided in
 * src/text/normalize.ts, the same rule the topic parser reads.
 */
import { closesQuote, isDoubleQuote, isSingleQuote } from '../text/normalize.ts';

export interface Token {
  /** The word with its grouping quotes removed. */
  value: string;
  /** The word exactly as typed, quotes included (topics keep their quotes: `"mixture of experts"`). */
  raw: string;
  /** True when the whole word was one quoted group (`"--page"` is then a word, not a flag). */
  quoted: boolean;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let value = '';
    let quotedWhole = false;
    while (i < text.length && !/\s/.test(text[i]!)) {
      const ch = text[i]!;
      const opensQuote = isDoubleQuote(ch) || (isSingleQuote(ch) && i === start);
      if (!opensQuote) {
        value += ch;
        i++;
        continue;
      }
      let end = i + 1;
      while (end < text.length && !closesQuote(ch, text[end]!)) end++;
      // An unterminated quote runs to the end of the line.
      value += text.slice(i + 1, end);
      if (i === start && (end >= text.length || end + 1 >= text.length || /\s/.test(text[end + 1]!))) quotedWhole = true;
      i = Math.min(end + 1, text.length);
    }
    tokens.push({ value, raw: text.slice(start, i), quoted: quotedWhole });
  }
  return tokens;
}

/** Quotes a value for a command line (buttons) so it tokenizes back to itself. */
export function quoteArg(value: string): string {
  const hasQuote = [...value].some((ch) => isDoubleQuote(ch) || isSingleQuote(ch));
  if (value !== '' && !/\s/.test(value) && !hasQuote && !value.startsWith('--')) return value;
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** Builds a command line from its words: `commandLine('cite', '2106.09685', 'apa')`. */
export function commandLine(...words: string[]): string {
  return words.map(quoteArg).join(' ');
}
