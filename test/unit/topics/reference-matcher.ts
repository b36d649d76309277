/**
 * The topic matcher as it was before issue 11 (src/topics/match.ts at 08b2858), kept verbatim as the
 * reference the indexed matcher (src/topics/topic-index.ts) must agree with: same (channel, item) pairs,
 * same reasons. Each channel compiles its own topics and every topic runs on every item. Used by the
 * differential test next to it and by `npm run bench -- jobs-matching` (match_reference_total_ms).
 * Its text normaliser is the one of that commit too, so a change to src/topics/normalize.ts that alters
 * what matches shows up as a difference.
 */
import type { AliasTable } from '../../../src/topics/aliases.ts';
import { aliasesOf, EMPTY_ALIASES } from '../../../src/topics/aliases.ts';
import { categoryCovers } from '../../../src/topics/categories.ts';
import type { MatchableItem, MatchField, TopicMatch } from '../../../src/topics/match.ts';
import { parseTopic } from '../../../src/topics/parse.ts';
import type { TextScope, TopicQuery, TopicTerm } from '../../../src/topics/query.ts';
import { describeTerm } from '../../../src/topics/query.ts';
import { fold, JOINERS, singular, WORD } from '../../../src/text/normalize.ts';

// ---------- src/topics/normalize.ts at 08b2858 ----------

interface NormalizedText {
  words: string[];
  compounds: string[];
}

function normalizeText(text: string): NormalizedText {
  const words: string[] = [];
  const compounds: string[] = [];
  const plain = fold(text).replace(/'s(?![\p{L}\p{N}])/gu, '').replace(/'/g, '');
  for (const chunk of plain.match(WORD) ?? []) {
    const parts = chunk.split(JOINERS).filter(Boolean);
    for (const part of parts) words.push(singular(part));
    if (parts.length > 1) compounds.push(singular(parts.join('')));
  }
  return { words, compounds };
}

function joinedWord(text: string): string {
  return singular(fold(text).replace(/'s(?![\p{L}\p{N}])/gu, '').replace(/[^\p{L}\p{N}]+/gu, ''));
}

// ---------- src/topics/match.ts at 08b2858 ----------

interface CompiledPhrase {
  label: string;
  words: string[];
  joined: string;
}

type CompiledTerm =
  | { kind: 'text'; scope: TextScope; phrases: CompiledPhrase[] }
  | { kind: 'author'; label: string; words: string[] }
  | { kind: 'category'; label: string; category: string };

interface CompiledTopic {
  source: string;
  clauses: CompiledTerm[][];
  exclude: CompiledTerm[];
  replacements: boolean;
}

export interface ReferenceCompiledTopics {
  readonly topics: readonly CompiledTopic[];
  /** Stored topics that no longer parse (should not happen: topics are validated when added). */
  readonly invalid: ReadonlyArray<{ topic: string; error: string }>;
}

export function referenceCompileTopics(topics: readonly string[], aliases: AliasTable): ReferenceCompiledTopics {
  const compiled: CompiledTopic[] = [];
  const invalid: Array<{ topic: string; error: string }> = [];
  for (const topic of topics) {
    const parsed = parseTopic(topic);
    if (parsed.ok) compiled.push(compileQuery(parsed.value, aliases));
    else invalid.push({ topic, error: parsed.error });
  }
  return { topics: compiled, invalid };
}

function compileQuery(query: TopicQuery, aliases: AliasTable): CompiledTopic {
  return {
    source: query.source,
    clauses: query.clauses.map((clause) => clause.anyOf.map((term) => compileTerm(term, aliases))),
    // Exclusions stay literal: `-survey` should not grow into every name a survey paper has.
    exclude: query.exclude.map((term) => compileTerm(term, EMPTY_ALIASES)),
    replacements: query.replacements,
  };
}

function compileTerm(term: TopicTerm, aliases: AliasTable): CompiledTerm {
  switch (term.kind) {
    case 'category':
      return { kind: 'category', label: describeTerm(term), category: term.category };
    case 'author':
      return { kind: 'author', label: describeTerm(term), words: normalizeText(term.name).words };
    case 'text': {
      const own = describeTerm(term);
      const phrases = [phrase(own, term.text)];
      for (const alias of aliasesOf(aliases, term.text)) phrases.push(phrase(`${own} (as "${alias}")`, alias));
      return { kind: 'text', scope: term.scope, phrases };
    }
  }
}

function phrase(label: string, text: string): CompiledPhrase {
  return { label, words: normalizeText(text).words, joined: joinedWord(text) };
}

/** An item's normalised text, built once and reused by every channel's topics. */
interface PreparedText {
  words: string[];
  positions: Map<string, number[]>;
  /** Single words and joined compounds, for one-word and glued matches. */
  singles: Set<string>;
}

interface PreparedItem {
  title: PreparedText;
  abstract: PreparedText;
  authors: string[][];
  categories: string[];
}

const prepared = new WeakMap<MatchableItem, PreparedItem>();

function prepare(item: MatchableItem): PreparedItem {
  let p = prepared.get(item);
  if (!p) {
    p = {
      title: prepareText(item.title),
      abstract: prepareText(item.abstract),
      authors: item.authors.map((a) => normalizeText(a).words),
      categories: item.categories,
    };
    prepared.set(item, p);
  }
  return p;
}

function prepareText(text: string): PreparedText {
  const { words, compounds } = normalizeText(text);
  const positions = new Map<string, number[]>();
  words.forEach((word, index) => {
    const list = positions.get(word);
    if (list) list.push(index);
    else positions.set(word, [index]);
  });
  return { words, positions, singles: new Set([...words, ...compounds]) };
}

function containsPhrase(text: PreparedText, p: CompiledPhrase): boolean {
  const [first, ...rest] = p.words;
  if (first === undefined) return false;
  if (rest.length === 0) return text.singles.has(first);
  if (text.singles.has(p.joined)) return true;
  for (const start of text.positions.get(first) ?? []) {
    if (rest.every((word, k) => text.words[start + 1 + k] === word)) return true;
  }
  return false;
}

/** `tri dao` matches `Tri Dao` and `T. Dao`, not `Tri Daoson`; `dao` alone matches any Dao. */
function authorMatches(author: string[], wanted: string[]): boolean {
  if (wanted.length === 0) return false;
  for (let start = 0; start + wanted.length <= author.length; start++) {
    const ok = wanted.every((w, k) => {
      const a = author[start + k]!;
      if (a === w) return true;
      // An initial stands for a given name, never for the family name (the last wanted word).
      const isLast = k === wanted.length - 1;
      return !isLast && (a.length === 1 || w.length === 1) && a[0] === w[0];
    });
    if (ok) return true;
  }
  return false;
}

interface TermHit {
  label: string;
  fields: MatchField[];
}

function termHit(term: CompiledTerm, item: PreparedItem): TermHit | null {
  switch (term.kind) {
    case 'category':
      return item.categories.some((c) => categoryCovers(term.category, c)) ? { label: term.label, fields: ['category'] } : null;
    case 'author':
      return item.authors.some((a) => authorMatches(a, term.words)) ? { label: term.label, fields: ['authors'] } : null;
    case 'text':
      for (const p of term.phrases) {
        const fields: MatchField[] = [];
        if (term.scope !== 'abstract' && containsPhrase(item.title, p)) fields.push('title');
        if (term.scope !== 'title' && containsPhrase(item.abstract, p)) fields.push('abstract');
        if (fields.length > 0) return { label: p.label, fields };
      }
      return null;
  }
}

const FIELD_ORDER: readonly MatchField[] = ['title', 'abstract', 'authors', 'category'];

/** Every topic the item matches, in the channel's topic order; [] when none does. */
export function referenceMatchItem(item: MatchableItem, compiled: ReferenceCompiledTopics): TopicMatch[] {
  const isReplacement = item.announceType === 'replace' || item.announceType === 'replace-cross';
  const p = prepare(item);
  const matches: TopicMatch[] = [];
  for (const topic of compiled.topics) {
    if (isReplacement && !topic.replacements) continue;
    const hits: TermHit[] = [];
    let all = true;
    for (const clause of topic.clauses) {
      let hit: TermHit | null = null;
      for (const term of clause) {
        hit = termHit(term, p);
        if (hit) break;
      }
      if (!hit) {
        all = false;
        break;
      }
      hits.push(hit);
    }
    if (!all || topic.exclude.some((term) => termHit(term, p) !== null)) continue;
    const fields = new Set(hits.flatMap((h) => h.fields));
    matches.push({
      topic: topic.source,
      terms: hits.map((h) => h.label),
      fields: FIELD_ORDER.filter((f) => fields.has(f)),
    });
  }
  return matches;
}
