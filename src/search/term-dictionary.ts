import SearchableMap from 'minisearch/SearchableMap';

/**
 * The index's terms: exact lookup, completions of a prefix, and neighbours within an edit distance.
 *
 * Fuzzy lookup is MiniSearch's radix tree (`SearchableMap`). Exact and prefix lookup use two arrays
 * the tree also defines, so a saved index loads without rebuilding the tree (about 25 ms of a one-shot
 * `paperclub search`; only a typo needs the tree, and it is then built once):
 * - `sorted`: term numbers in term order. The terms that start with a prefix are one run of it.
 * - `treeOrder`: term numbers in the order the tree iterates them. A prefix's terms are one subtree,
 *   so they are also one run here, and reading that run gives completions in the tree's own order.
 *   That order matters: scores are summed in it, and they must equal MiniSearch's to the last bit.
 */
export class TermDictionary {
  private readonly numbers = new Map<string, number>();
  /** Position of each term number in `treeOrder`. */
  private readonly treeRank: Int32Array;

  private constructor(
    /** Every term, by number. The tree is filled in this order, as MiniSearch's index would be. */
    readonly terms: readonly string[],
    readonly sorted: Int32Array,
    readonly treeOrder: Int32Array,
    private tree: SearchableMap<number> | null,
  ) {
    terms.forEach((term, number) => this.numbers.set(term, number));
    this.treeRank = new Int32Array(terms.length);
    treeOrder.forEach((number, rank) => {
      this.treeRank[number] = rank;
    });
  }

  /** The dictionary of these terms (numbered by position), with its tree built. */
  static of(terms: readonly string[]): TermDictionary {
    const tree = treeOf(terms);
    const sorted = Int32Array.from(terms.keys()).sort((a, b) => compareTerms(terms[a]!, terms[b]!));
    return new TermDictionary(terms, sorted, Int32Array.from(tree.values()), tree);
  }

  /**
   * A dictionary saved as its terms and the two orders `of` made (read back intact: the caller checks
   * the saved file's digest). The tree is built on first need.
   */
  static restore(terms: readonly string[], sorted: Int32Array, treeOrder: Int32Array): TermDictionary {
    return new TermDictionary(terms, sorted, treeOrder, null);
  }

  get(term: string): number | undefined {
    return this.numbers.get(term);
  }

  has(term: string): boolean {
    return this.numbers.has(term);
  }

  /** Every term that starts with `prefix` (itself included) with its number, in the tree's order. */
  *completions(prefix: string): Generator<[string, number]> {
    const from = this.firstAtOrAfter(prefix);
    let count = 0;
    let firstRank = Number.POSITIVE_INFINITY;
    for (let i = from; i < this.sorted.length && this.terms[this.sorted[i]!]!.startsWith(prefix); i += 1) {
      count += 1;
      firstRank = Math.min(firstRank, this.treeRank[this.sorted[i]!]!);
    }
    for (let rank = firstRank; rank < firstRank + count; rank += 1) {
      const number = this.treeOrder[rank]!;
      yield [this.terms[number]!, number];
    }
  }

  /** Every term within `maxDistance` edits of `term` (itself included), with its number and distance. */
  neighbours(term: string, maxDistance: number): Map<string, [number, number]> {
    this.tree ??= treeOf(this.terms);
    return this.tree.fuzzyGet(term, maxDistance);
  }

  /** Position in `sorted` of the first term not below `prefix`. */
  private firstAtOrAfter(prefix: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareTerms(this.terms[this.sorted[middle]!]!, prefix) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function treeOf(terms: readonly string[]): SearchableMap<number> {
  const tree = new SearchableMap<number>();
  terms.forEach((term, number) => tree.set(term, number));
  return tree;
}

/** UTF-16 code unit order, the order in which `startsWith` runs are contiguous. */
function compareTerms(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

