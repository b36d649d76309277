/**
 * Topic syntax, checked when a channel adds a topic so a mistake is reported at `topics add`, never
 * at poll time:
 *
 *   "mixture of experts"        a phrase (quotes keep words together; 'single' and “typographic” too)
 *   moe OR "sparse experts"     alternatives (OR binds tighter than AND)
 *   rope AND "long context"     both (AND may also be left out: `rope "long context"`)
 *   au:"Tri Dao"  cat:cs.CL     an author, an arXiv category (cross-lists count)
 *   ti:rope  abs:"kv cache"     a phrase in the title only, or the abstract only
 *   -survey  -cat:cs.CV         must not appear
 *   +replacements               also alert on new versions of matching papers
 */
import type { ParseResult } from '../channel-address.ts';
import { normalizeCategory } from './categories.ts';
import { straightenQuotes } from '../text/normalize.ts';
import { phraseWords } from './normalize.ts';
import type { TopicClause, TopicQuery, TopicTerm } from './query.ts';

export const MAX_TOPIC_LENGTH = 200;

const QUALIFIERS = ['ti', 'abs', 'au', 'cat'] as const;
type Qualifier = (typeof QUALIFIERS)[number];
const FLAGS = ['replacements'] as const;
const EXAMPLE = 'e.g. `"mixture of experts"`, `moe OR "sparse experts"`, `au:"Tri Dao"`, `cat:cs.CL -survey`';

type Token =
  | { type: 'or' }
  | { type: 'and' }
  | { type: 'flag'; name: string }
  | { type: 'term'; negated: boolean; qualifier: string | null; value: string; raw: string };

class TopicSyntaxError extends Error {}

export function parseTopic(text: string): ParseResult<TopicQuery> {
  const source = text.trim();
  if (source === '') return { ok: false, error: `A topic can't be empty: ${EXAMPLE}.` };
  if (source.length > MAX_TOPIC_LENGTH) {
    return { ok: false, error: `That topic is ${source.length} characters long; keep it to ${MAX_TOPIC_LENGTH} or fewer.` };
  }
  try {
    return { ok: true, value: build(source, tokenize(straightenQuotes(source))) };
  } catch (error) {
    if (error instanceof TopicSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    if (/\s/.test(source[i]!)) {
      i++;
      continue;
    }
    const start = i;
    if (source[i] === '(' || source[i] === ')') {
      throw new TopicSyntaxError('Parentheses are not supported: OR already groups the words around it, as in `moe OR "sparse experts" routing`.');
    }
    if (source[i] === '+') {
      const word = readBare(source, i + 1);
      if (word.value === '') throw new TopicSyntaxError('A lone `+` is not a topic term: did you mean `+replacements`?');
      if (!(FLAGS as readonly string[]).includes(word.value.toLowerCase())) {
        throw new TopicSyntaxError(`\`+${word.value}\` is not an option: the only one is \`+replacements\`.`);
      }
      tokens.push({ type: 'flag', name: word.value.toLowerCase() });
      i = word.end;
      continue;
    }
    const negated = source[i] === '-';
    if (negated) i++;
    let qualifier: string | null = null;
    const q = /^([A-Za-z]+):/.exec(source.slice(i));
    if (q) {
      qualifier = q[1]!.toLowerCase();
      i += q[0].length;
    }
    let value: string;
    // Typographic quotes were straightened (the same rule as the command tokenizer's): “a b” is "a b".
    const quote = source[i] === '"' || source[i] === "'" ? source[i]! : null;
    const quoted = quote !== null;
    if (quote !== null) {
      const close = closingQuote(source, i, quote);
      if (close < 0) {
        throw new TopicSyntaxError(`The quote in \`${source.slice(start, start + 30)}\` is never closed: add a closing \`${quote}\`.`);
      }
      value = source.slice(i + 1, close).trim();
      i = close + 1;
      if (value === '') throw new TopicSyntaxError(`Empty quotes \`${quote}${quote}\` match nothing: put words between them.`);
    } else {
      const word = readBare(source, i);
      value = word.value;
      i = word.end;
    }
    const raw = source.slice(start, i);
    if (!negated && !quoted && qualifier === null && value === 'OR') {
      tokens.push({ type: 'or' });
      continue;
    }
    if (!negated && !quoted && qualifier === null && value === 'AND') {
      tokens.push({ type: 'and' });
      continue;
    }
    if (!negated && !quoted && qualifier === null && value === 'NOT') {
      throw new TopicSyntaxError('`NOT` is written as a minus sign right before the word: `"language models" -survey`.');
    }
    if (value === '') {
      if (qualifier !== null) throw new TopicSyntaxError(`\`${qualifier}:\` needs a value right after the colon, e.g. \`${qualifier}:${exampleValue(qualifier)}\`.`);
      throw new TopicSyntaxError('A lone `-` excludes nothing: write the word right after it, e.g. `-survey`.');
    }
    tokens.push({ type: 'term', negated, qualifier, value, raw });
  }
  return tokens;
}

/**
 * Where a quoted value ends: the next `"` for double quotes; for single quotes the next `'` that ends a
 * word, so an apostrophe inside the phrase stays (`'what's next'`).
 */
function closingQuote(source: string, open: number, quote: string): number {
  if (quote === '"') return source.indexOf('"', open + 1);
  for (let end = source.indexOf("'", open + 1); end >= 0; end = source.indexOf("'", end + 1)) {
    if (end + 1 >= source.length || /[\s"()]/.test(source[end + 1]!)) return end;
  }
  return -1;
}

/** A bare word runs to the next space or quote. */
function readBare(source: string, from: number): { value: string; end: number } {
  let end = from;
  while (end < source.length && !/[\s"()]/.test(source[end]!)) end++;
  return { value: source.slice(from, end), end };
}

function exampleValue(qualifier: string): string {
  return qualifier === 'au' ? '"Tri Dao"' : qualifier === 'cat' ? 'cs.CL' : 'rope';
}

function build(source: string, tokens: Token[]): TopicQuery {
  const clauses: TopicClause[] = [];
  const exclude: TopicTerm[] = [];
  let replacements = false;
  let pendingOr = false;
  let pendingAnd = false;
  let previous: Token | null = null;
  for (const token of tokens) {
    if (token.type === 'flag') {
      if (pendingOr) throw danglingOr();
      if (pendingAnd) throw danglingAnd();
      replacements = true;
    } else if (token.type === 'and') {
      // AND is what two terms side by side already mean: it only has to sit between two terms.
      if (previous === null || previous.type !== 'term' || pendingOr || pendingAnd) throw danglingAnd();
      pendingAnd = true;
    } else if (token.type === 'or') {
      if (pendingAnd) throw danglingAnd();
      if (previous === null || previous.type !== 'term' || pendingOr) throw danglingOr();
      if (previous.negated) throw negatedOr(previous.raw);
      pendingOr = true;
    } else {
      const term = toTerm(token);
      if (token.negated) {
        if (pendingOr) throw negatedOr(token.raw);
        exclude.push(term);
      } else if (pendingOr) {
        clauses[clauses.length - 1]!.anyOf.push(term);
        pendingOr = false;
      } else {
        clauses.push({ anyOf: [term] });
      }
      pendingAnd = false;
    }
    previous = token;
  }
  if (pendingOr) throw danglingOr();
  if (pendingAnd) throw danglingAnd();
  if (clauses.length === 0) {
    throw new TopicSyntaxError(
      exclude.length > 0
        ? 'A topic needs at least one thing to look for, not only exclusions: e.g. `"language models" -survey`.'
        : `A topic needs at least one term: ${EXAMPLE}.`,
    );
  }
  return { source, clauses, exclude, replacements };
}

function toTerm(token: Extract<Token, { type: 'term' }>): TopicTerm {
  const qualifier = token.qualifier;
  if (qualifier !== null && !(QUALIFIERS as readonly string[]).includes(qualifier)) {
    throw new TopicSyntaxError(
      `\`${qualifier}:\` is not a qualifier: use ti:, abs:, au: or cat: (or put text containing a colon in quotes).`,
    );
  }
  switch (qualifier as Qualifier | null) {
    case 'cat': {
      const category = normalizeCategory(token.value);
      if (category === null) {
        throw new TopicSyntaxError(`\`cat:${token.value}\` is not an arXiv category: use a name like cs.CL, stat.ML or hep-th.`);
      }
      return { kind: 'category', category };
    }
    case 'au':
      requireWords(token);
      return { kind: 'author', name: token.value };
    case 'ti':
      requireWords(token);
      return { kind: 'text', text: token.value, scope: 'title' };
    case 'abs':
      requireWords(token);
      return { kind: 'text', text: token.value, scope: 'abstract' };
    case null:
      requireWords(token);
      return { kind: 'text', text: token.value, scope: 'any' };
  }
}

function requireWords(token: Extract<Token, { type: 'term' }>): void {
  if (phraseWords(token.value).length === 0) {
    throw new TopicSyntaxError(`\`${token.raw}\` has no letters or digits to look for.`);
  }
}

function danglingOr(): TopicSyntaxError {
  return new TopicSyntaxError('`OR` needs a term on both sides, e.g. `moe OR "sparse experts"`.');
}

function danglingAnd(): TopicSyntaxError {
  return new TopicSyntaxError('`AND` needs a term on both sides, e.g. `rope AND "long context"`.');
}

function negatedOr(raw: string): TopicSyntaxError {
  return new TopicSyntaxError(`\`${raw}\` can't be part of an OR: exclusions apply to the whole topic, so write it on its own.`);
}
