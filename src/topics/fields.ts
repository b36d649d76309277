/** Where a term was found, as bits (one scan fills them for every term at once), and back as names. */
import type { MatchField } from './match-types.ts';

export const FIELD = { title: 1, abstract: 2, authors: 4, category: 8 } as const;

/** Field names for a set of bits, always in the order title, abstract, authors, category. */
export function fieldNames(bits: number): MatchField[] {
  const names: MatchField[] = [];
  if (bits & FIELD.title) names.push('title');
  if (bits & FIELD.abstract) names.push('abstract');
  if (bits & FIELD.authors) names.push('authors');
  if (bits & FIELD.category) names.push('category');
  return names;
}
