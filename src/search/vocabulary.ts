/**
 * The set of terms the index holds, so a query word the library never uses can be re-spelled
 * before searching. Handles the most common typo class, doubled letters (`lamma` for `llama`,
 * `chinchila` for `chinchilla`, `atention`), which edit distance alone treats as two edits.
 */

/** Collapses runs of one repeated letter: `llama` → `lama`, `chinchilla` → `chinchila`. */
export function squash(term: string): string {
  return term.replace(/(\p{L})\1+/gu, '$1');
}

/** Where the terms come from: the index's own dictionary. */
export interface TermSource {
  has(term: string): boolean;
  terms(): Iterable<string>;
}

export class Vocabulary {
  /**
   * Squashed form → the terms that squash to it. Made on the first word the library does not know:
   * most queries never need it, and a one-shot search should not pay for it.
   */
  private bySquash: Map<string, string[]> | null = null;

  constructor(private readonly source: TermSource) {}

  has(term: string): boolean {
    return this.source.has(term);
  }

  /** Known terms that differ from `term` only in doubled letters (empty when `term` itself is known). */
  respellings(term: string): string[] {
    if (this.source.has(term)) return [];
    return [...(this.squashed().get(squash(term)) ?? [])].sort();
  }

  private squashed(): Map<string, string[]> {
    if (this.bySquash) return this.bySquash;
    const bySquash = new Map<string, string[]>();
    for (const term of this.source.terms()) {
      const key = squash(term);
      const same = bySquash.get(key);
      if (same) same.push(term);
      else bySquash.set(key, [term]);
    }
    return (this.bySquash = bySquash);
  }
}
