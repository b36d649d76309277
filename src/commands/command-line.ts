/**
 * The text form of a command line, as typed in Slack and the console and carried by buttons:
 * whitespace-separated words, "double quotes" (also typographic “ ” that Slack and macOS substitute)
 * group words anywhere in a word (`au:"Tri Dao"`), 'single quotes' group only at the start of a word
 * so apostrophes (`what's`) stay literal.
 */

export interface Token {
  /** The word with its grouping quotes removed. */
  value: string;
  /** The word exactly as typed, quotes included (topics keep their quotes: `"mixture of experts"`). */
  raw: string;
  /** True when the whole word was one quoted group (`"--page"` is then a word, not a flag). */
  quoted: boolean;
}

const OPEN_DOUBLE = new Set(['"', '“', '”', '„']);
const CLOSE_FOR: Record<string, string[]> = { '"': ['"'], '“': ['”', '"'], '”': ['”', '"'], '„': ['“', '"'], "'": ["'"], '‘': ['’', "'"] };

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
      const opensQuote = OPEN_DOUBLE.has(ch) || ((ch === "'" || ch === '‘') && i === start);
      if (!opensQuote) {
        value += ch;
        i++;
        continue;
      }
      const closers = CLOSE_FOR[ch]!;
      let end = i + 1;
      while (end < text.length && !closers.includes(text[end]!)) end++;
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
  if (value !== '' && !/[\s"'“”‘’„]/.test(value) && !value.startsWith('--')) return value;
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** Builds a command line from its words: `commandLine('cite', '2106.09685', 'apa')`. */
export function commandLine(...words: string[]): string {
  return words.map(quoteArg).join(' ');
}

/** Removes one pair of quotes around a whole query (`"attention is all you need"`). */
export function unquote(text: string): string {
  const t = text.trim();
  const m = /^["“”'‘](.*)["“”'’]$/s.exec(t);
  return m ? m[1]!.trim() : t;
}

/** Shortens user input for quoting back in a message, so a 10,000-character query is not echoed whole. */
export function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
