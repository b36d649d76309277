import type { InvertedIndex } from './inverted-index.ts';

/**
 * Runs a query's term lookups over the inverted index: for each document a lookup reaches, the summed
 * BM25+ score per field group, how many lookups it matched and which typed words those stand for.
 *
 * It adds exactly what MiniSearch's `search` with `combineWith: 'OR'` adds, in the same order (each
 * lookup's exact, prefix and fuzzy matches field by field, then the lookups one after another), so the
 * sums are bit-identical. What it does not do is allocate: the buffers are sized to the library once
 * and reused, with generation stamps instead of clearing, so a query costs a few nanoseconds per
 * posting it reads and nothing per document it leaves alone.
 */

export interface TermLookup {
  term: string;
  /** Multiplies every score the term earns (MiniSearch's `boostTerm`). */
  weight: number;
  /** Also match the terms that start with it. */
  prefix: boolean;
  /** Also match the terms within this many edits (0: exact and prefix only). */
  fuzzy: number;
  /** Bit i set: the term stands for typed word i (at most 31 words). */
  covers: number;
  /** Bit i set: the term is typed word i itself (not a piece or a join), so an exact match proves the word is there. */
  spells: number;
}

/** The fields searched together, each with its boost. Groups are scored apart (their scores are combined by the caller). */
export interface FieldGroup {
  fields: ReadonlyArray<{ field: number; boost: number }>;
}

/** Weights of prefix and fuzzy matches relative to an exact match (MiniSearch's `weights`). */
export interface MatchWeights {
  prefix: number;
  fuzzy: number;
}

/**
 * The documents the last run reached. Valid until the scorer runs again: it reads the scorer's
 * buffers rather than copying them.
 */
export interface TextMatches {
  /** How many documents were reached; `doc(i)` for i below it lists them (in no particular order). */
  readonly count: number;
  doc(i: number): number;
  /** Summed weighted BM25+ score of the document in the group, 0 when it matched nothing there. */
  score(group: number, doc: number): number;
  /** How many lookups the document matched in the group. */
  matchedLookups(group: number, doc: number): number;
  /** The typed words (as bits) those lookups stand for. */
  coveredWords(group: number, doc: number): number;
  /** The typed words (as bits) found exactly as typed: not by prefix, typo, piece or join. */
  exactWords(group: number, doc: number): number;
}

export class TextScorer implements TextMatches {
  private readonly totals: Float64Array[];
  private readonly matched: Uint16Array[];
  private readonly covered: Uint32Array[];
  private readonly exact: Uint32Array[];
  /** One lookup's score per group, folded into the totals once the lookup is done. */
  private readonly lookupScores: Float64Array[];
  /** 1 where the lookup's own term (not a completion or neighbour) matched, per group. */
  private readonly lookupExact: Uint8Array[];
  /** `docStamp[d] === run`: document d was reached in this run (its totals are live). */
  private readonly docStamp: Uint32Array;
  private readonly lookupStamp: Uint32Array;
  private readonly reached: Int32Array;
  private readonly lookupReached: Int32Array;
  private reachedCount = 0;
  private run = 0;
  private lookupRun = 0;

  constructor(
    private readonly index: InvertedIndex,
    private readonly groups: readonly FieldGroup[],
    private readonly weights: MatchWeights,
  ) {
    const n = index.documentCount;
    this.totals = groups.map(() => new Float64Array(n));
    this.matched = groups.map(() => new Uint16Array(n));
    this.covered = groups.map(() => new Uint32Array(n));
    this.exact = groups.map(() => new Uint32Array(n));
    this.lookupScores = groups.map(() => new Float64Array(n));
    this.lookupExact = groups.map(() => new Uint8Array(n));
    this.docStamp = new Uint32Array(n);
    this.lookupStamp = new Uint32Array(n);
    this.reached = new Int32Array(n);
    this.lookupReached = new Int32Array(n);
  }

  /** Scores the lookups, in order (the order fixes the floating-point sums). */
  match(lookups: readonly TermLookup[]): TextMatches {
    this.run = this.nextStamp(this.run, this.docStamp);
    this.reachedCount = 0;
    for (const lookup of lookups) this.addLookup(lookup);
    return this;
  }

  get count(): number {
    return this.reachedCount;
  }

  score(group: number, doc: number): number {
    return this.docStamp[doc] === this.run ? this.totals[group]![doc]! : 0;
  }

  doc(i: number): number {
    return this.reached[i]!;
  }

  matchedLookups(group: number, doc: number): number {
    return this.docStamp[doc] === this.run ? this.matched[group]![doc]! : 0;
  }

  coveredWords(group: number, doc: number): number {
    return this.docStamp[doc] === this.run ? this.covered[group]![doc]! : 0;
  }

  exactWords(group: number, doc: number): number {
    return this.docStamp[doc] === this.run ? this.exact[group]![doc]! : 0;
  }

  private addLookup(lookup: TermLookup): void {
    // Hot loop: buffers in locals, so each posting costs a few typed-array reads and writes.
    const run = (this.lookupRun = this.nextStamp(this.lookupRun, this.lookupStamp));
    const stamp = this.lookupStamp;
    const reached = this.lookupReached;
    const { docs, scores } = this.index;
    let reachedCount = 0;
    for (const { termNumber, weight, exact } of this.expand(lookup)) {
      for (let g = 0; g < this.groups.length; g += 1) {
        const groupScores = this.lookupScores[g]!;
        const exactHits = this.lookupExact[g]!;
        for (const { field, boost } of this.groups[g]!.fields) {
          const end = this.index.end(termNumber, field);
          // MiniSearch's order of factors: term weight, term boost, field boost, then the BM25+ score.
          const factor = weight * lookup.weight * boost;
          for (let i = this.index.start(termNumber, field); i < end; i += 1) {
            const doc = docs[i]!;
            if (stamp[doc] !== run) {
              stamp[doc] = run;
              this.clearLookup(doc);
              reached[reachedCount] = doc;
              reachedCount += 1;
            }
            groupScores[doc]! += factor * scores[i]!;
            if (exact) exactHits[doc] = 1;
          }
        }
      }
    }
    for (let i = 0; i < reachedCount; i += 1) this.foldLookup(lookup, reached[i]!);
  }

  private clearLookup(doc: number): void {
    for (let g = 0; g < this.groups.length; g += 1) {
      this.lookupScores[g]![doc] = 0;
      this.lookupExact[g]![doc] = 0;
    }
  }

  /** Adds one lookup's score for a document to its totals, as MiniSearch's OR combines terms. */
  private foldLookup(lookup: TermLookup, doc: number): void {
    if (this.docStamp[doc] !== this.run) {
      this.docStamp[doc] = this.run;
      for (let g = 0; g < this.groups.length; g += 1) {
        this.totals[g]![doc] = 0;
        this.matched[g]![doc] = 0;
        this.covered[g]![doc] = 0;
        this.exact[g]![doc] = 0;
      }
      this.reached[this.reachedCount] = doc;
      this.reachedCount += 1;
    }
    for (let g = 0; g < this.groups.length; g += 1) {
      const score = this.lookupScores[g]![doc]!;
      // BM25+ scores are positive, so 0 means the lookup missed this group.
      if (score === 0) continue;
      this.totals[g]![doc]! += score;
      this.matched[g]![doc]! += 1;
      this.covered[g]![doc]! |= lookup.covers;
      if (this.lookupExact[g]![doc] === 1) this.exact[g]![doc]! |= lookup.spells;
    }
  }

  /**
   * The terms a lookup matches, with the weight of each: itself, the terms it begins (weighted down
   * as they grow longer) and the terms within its edit distance (weighted down by distance), as
   * MiniSearch's `executeQuerySpec` finds and weighs them. A term both a prefix and a fuzzy match counts as a prefix match.
   */
  private *expand(lookup: TermLookup): Iterable<{ termNumber: number; weight: number; exact: boolean }> {
    const { term } = lookup;
    const own = this.index.get(term);
    if (own !== undefined) yield { termNumber: own, weight: 1, exact: true };
    const neighbours = lookup.fuzzy > 0 ? this.index.neighbours(term, lookup.fuzzy) : undefined;
    if (lookup.prefix) {
      for (const [completion, termNumber] of this.index.completions(term)) {
        const distance = completion.length - term.length;
        if (distance === 0) continue;
        neighbours?.delete(completion);
        yield { termNumber, weight: (this.weights.prefix * completion.length) / (completion.length + 0.3 * distance), exact: false };
      }
    }
    if (neighbours === undefined) return;
    for (const [neighbour, [termNumber, distance]] of neighbours) {
      if (distance === 0) continue;
      yield { termNumber, weight: (this.weights.fuzzy * neighbour.length) / (neighbour.length + distance), exact: false };
    }
  }

  /** The next stamp; on wrap-around (after 4 billion runs) the stamps are cleared so none is stale. */
  private nextStamp(stamp: number, stamps: Uint32Array): number {
    if (stamp < 0xffffffff) return stamp + 1;
    stamps.fill(0);
    return 1;
  }
}
