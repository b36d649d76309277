import type { SourceRef } from './types.ts';

/** Seed order: by file name, then line. */
export function compareSources(a: SourceRef, b: SourceRef): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

export const sourceKey = (s: SourceRef): string => `${s.file}:${s.line}`;
