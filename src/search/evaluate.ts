import * as z from 'zod';
import { PaperclubError } from '../errors.ts';
import type { SearchIndex } from './search-index.ts';

export const EVAL_QUERY_KINDS = ['acronym', 'nickname', 'title-fragment', 'takeaway', 'author', 'abstract', 'typo', 'id', 'tag'] as const;
export type EvalQueryKind = (typeof EVAL_QUERY_KINDS)[number];

export interface EvalQuery {
  query: string;
  /** The library id of the paper the person means. */
  expected: string;
  kind: EvalQueryKind;
}

const evalQuerySet = z.array(
  z.object({ query: z.string().min(1), expected: z.string().min(1), kind: z.enum(EVAL_QUERY_KINDS) }).strict(),
);

/** Validates a query set read from JSON (test/search-queries.json); a malformed set is a `bad_format` error. */
export function parseEvalQueries(json: unknown): EvalQuery[] {
  const parsed = evalQuerySet.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new PaperclubError('bad_format', `Invalid query set at ${first?.path.join('.') ?? '?'}: ${first?.message ?? 'unknown'}`);
  }
  return parsed.data;
}

export interface EvalMiss {
  query: string;
  expected: string;
  /** 1-based rank of the expected entry within `depth`, or null when it is not there. */
  rank: number | null;
  /** Library ids of the first three hits, to see what won instead. */
  top: string[];
}

export interface EvalResult {
  mrr: number;
  /** Every query whose expected entry is not ranked first. */
  misses: EvalMiss[];
}

/**
 * Mean reciprocal rank over a query set: 1 when every expected paper comes first, 1/k for rank k,
 * 0 when it is not within `depth` results.
 */
export function meanReciprocalRank(index: SearchIndex, queries: readonly EvalQuery[], depth = 10): EvalResult {
  if (queries.length === 0) return { mrr: 0, misses: [] };
  let total = 0;
  const misses: EvalMiss[] = [];
  for (const q of queries) {
    const ids = index.search(q.query, { limit: depth }).map((hit) => hit.entry.id);
    const position = ids.indexOf(q.expected);
    const rank = position === -1 ? null : position + 1;
    total += rank === null ? 0 : 1 / rank;
    if (rank !== 1) misses.push({ query: q.query, expected: q.expected, rank, top: ids.slice(0, 3) });
  }
  return { mrr: total / queries.length, misses };
}
