/**
 * The set of terms the index holds, so a query word the library never uses can be re-spelled
 * before searching. Handles the most common typo class, doubled letters (`lamma` for `llama`,
 * `chinchila` for `chinchilla`, `atention`), which edit distance alone treats as two edits.
 */

/** Collapses runs of one repeated letter: `llama` → `lama`, `chinchilla` → `chinchila`. */
export function squash(term: string): string {
  return term.replace(/(\p{L})\1+/gu, '$1');
}

export class Vocabulary {
  private readonly terms = new Set<string>();
  private readonly bySquash = new Map<string, Set<string>>();

  add(term: string): void {
    if (this.terms.has(term)) return;
    this.terms.add(term);
    const key = squash(term);
    const same = this.bySquash.get(key);
    if (same) same.add(term);
    else this.bySquash.set(key, new Set([term]));
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** Known terms that differ from `term` only in doubled letters (empty when `term` itself is known). */
  respellings(term: string): string[] {
    if (this.terms.has(term)) return [];
    return [...(this.bySquash.get(squash(term)) ?? [])].sort();
  }
}
