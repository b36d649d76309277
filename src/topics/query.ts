/**
 * A parsed topic: clauses that must all hold (implicit AND), each a set of alternatives (OR), plus
 * terms that must not appear. Built by parseTopic; compiled for matching by compileTopics.
 */

/** Where a text term looks: `ti:` title only, `abs:` abstract only, bare text both. */
export type TextScope = 'any' | 'title' | 'abstract';

export type TopicTerm =
  | { kind: 'text'; text: string; scope: TextScope }
  | { kind: 'author'; name: string }
  | { kind: 'category'; category: string };

export interface TopicClause {
  /** At least one must match. */
  anyOf: TopicTerm[];
}

export interface TopicQuery {
  /** The topic as the user typed it (trimmed): how alerts name it. */
  source: string;
  /** All must match. Never empty. */
  clauses: TopicClause[];
  /** None may match. */
  exclude: TopicTerm[];
  /** `+replacements`: also alert when a matching paper is announced as a new version. */
  replacements: boolean;
}

/** How a term reads back to people ("au:\"Tri Dao\"", "cat:cs.CL", "\"mixture of experts\""). */
export function describeTerm(term: TopicTerm): string {
  switch (term.kind) {
    case 'author':
      return `au:${quoteIfSpaced(term.name)}`;
    case 'category':
      return `cat:${term.category}`;
    case 'text': {
      const prefix = term.scope === 'title' ? 'ti:' : term.scope === 'abstract' ? 'abs:' : '';
      return `${prefix}${quoteIfSpaced(term.text)}`;
    }
  }
}

function quoteIfSpaced(text: string): string {
  return /\s/.test(text) ? `"${text}"` : text;
}

/** The categories a topic asks for by `cat:` (excluded ones are not needed from the feed). */
export function wantedCategories(query: TopicQuery): string[] {
  const out = new Set<string>();
  for (const clause of query.clauses) for (const term of clause.anyOf) if (term.kind === 'category') out.add(term.category);
  return [...out];
}

/** The topic written out in one canonical spelling: `“Speculative decoding”  AND kv` → `"Speculative decoding" kv`. */
export function describeTopic(query: TopicQuery): string {
  const parts = query.clauses.map((clause) => clause.anyOf.map(describeTerm).join(' OR '));
  for (const term of query.exclude) parts.push(`-${describeTerm(term)}`);
  if (query.replacements) parts.push('+replacements');
  return parts.join(' ');
}
