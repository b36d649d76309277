import { TermDictionary } from './term-dictionary.ts';

/**
 * The library's terms and where they occur: for each term and field, the documents that hold it and
 * the BM25+ score it earns there, computed once when the index is built.
 *
 * The term dictionary (term-dictionary.ts) finds terms exactly, by prefix and by edit distance, the
 * last with MiniSearch's radix tree, and lists completions in that tree's order. The postings are two flat typed arrays, term by
 * term and field by field, rather than MiniSearch's map of maps: a query adds numbers into
 * preallocated buffers (text-scorer.ts) instead of building a result object per matched document,
 * which is where MiniSearch's `search` spends its time at 10,000 entries (docs/search.md), and the
 * index takes about a third less memory.
 *
 * The scores are MiniSearch's BM25+ to the last bit: the same parameters, document frequency counted
 * per field, a field's length counted in distinct terms, and the same running mean of field lengths.
 */

/** MiniSearch's default BM25+ parameters: term-frequency saturation, length normalisation, lower bound. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

export class InvertedIndex {
  constructor(
    /** Every term, numbered in the order terms were first met (so the tree is the one MiniSearch would build). */
    readonly dictionary: TermDictionary,
    readonly documentCount: number,
    readonly fieldCount: number,
    /** Postings of term t in field f: positions `offsets[t * (fieldCount + 1) + f]` up to the next offset. */
    readonly offsets: Int32Array,
    /** The document of each posting. */
    readonly docs: Int32Array,
    /** The term's BM25+ score in that document's field (before any boost). */
    readonly scores: Float64Array,
  ) {}

  /**
   * `documents[d][f]` is the list of terms of field `f` of document `d`, repeats kept (they are the
   * term frequency). Documents are numbered by their position.
   */
  static build(fieldCount: number, documents: Iterable<ReadonlyArray<readonly string[]>>): InvertedIndex {
    const builder = new InvertedIndexBuilder(fieldCount);
    for (const fields of documents) builder.add(fields);
    return builder.finish();
  }

  /** The term's number, or undefined when no document holds it. */
  get(term: string): number | undefined {
    return this.dictionary.get(term);
  }

  has(term: string): boolean {
    return this.dictionary.has(term);
  }

  /** Every term that starts with `prefix` (itself included), with its number. */
  completions(prefix: string): Iterable<[string, number]> {
    return this.dictionary.completions(prefix);
  }

  /** Every term within `maxDistance` edits of `term` (itself included), with its number and distance. */
  neighbours(term: string, maxDistance: number): Map<string, [number, number]> {
    return this.dictionary.neighbours(term, maxDistance);
  }

  /** Every term, by number. */
  terms(): readonly string[] {
    return this.dictionary.terms;
  }

  /** Where the postings of a term in a field begin in `docs` and `scores`. */
  start(termNumber: number, field: number): number {
    return this.offsets[termNumber * (this.fieldCount + 1) + field]!;
  }

  /** Where they end (exclusive). */
  end(termNumber: number, field: number): number {
    return this.offsets[termNumber * (this.fieldCount + 1) + field + 1]!;
  }
}

/**
 * Adds documents one at a time. Each term gets a number the first time it is met; each posting is
 * recorded as (term and field, document, term frequency) in growing typed arrays, and `finish` lays
 * them out term by term and field by field and scores them. No object per term or posting, so a
 * 10,000-entry library builds without much garbage to collect.
 */
class InvertedIndexBuilder {
  private readonly termNumbers = new Map<string, number>();
  private postingSlots = new Int32Array(1 << 12);
  private postingDocs = new Int32Array(1 << 12);
  private postingFrequencies = new Int32Array(1 << 12);
  private postingCount = 0;
  /** Distinct terms per document and field (MiniSearch's field length). */
  private fieldLengths = new Int32Array(1 << 10);
  private readonly meanLength: Float64Array;
  private documentCount = 0;
  /** Scratch for counting one field's terms: per term number, a stamp and a count. */
  private seen = new Int32Array(1 << 10);
  private frequency = new Int32Array(1 << 10);
  private readonly fieldTerms: number[] = [];
  private stamp = 0;

  constructor(private readonly fieldCount: number) {
    this.meanLength = new Float64Array(fieldCount);
  }

  add(fields: ReadonlyArray<readonly string[]>): void {
    const doc = this.documentCount;
    this.documentCount += 1;
    this.fieldLengths = grown(this.fieldLengths, this.documentCount * this.fieldCount);
    for (let field = 0; field < this.fieldCount; field += 1) {
      this.stamp += 1;
      this.fieldTerms.length = 0;
      for (const term of fields[field] ?? []) {
        const number = this.numberOf(term);
        if (this.seen[number] === this.stamp) {
          this.frequency[number]! += 1;
        } else {
          this.seen[number] = this.stamp;
          this.frequency[number] = 1;
          this.fieldTerms.push(number);
        }
      }
      const length = this.fieldTerms.length;
      this.fieldLengths[doc * this.fieldCount + field] = length;
      // The running mean MiniSearch keeps (not the plain mean), so scores agree to the last bit.
      this.meanLength[field] = (this.meanLength[field]! * doc + length) / (doc + 1);
      for (const number of this.fieldTerms) this.record(number * this.fieldCount + field, doc, this.frequency[number]!);
    }
  }

  finish(): InvertedIndex {
    const { fieldCount, documentCount, postingCount } = this;
    const termCount = this.termNumbers.size;
    const perSlot = new Int32Array(termCount * fieldCount);
    for (let i = 0; i < postingCount; i += 1) perSlot[this.postingSlots[i]!]! += 1;
    const offsets = new Int32Array(termCount * (fieldCount + 1));
    const cursor = new Int32Array(termCount * fieldCount);
    let position = 0;
    for (let term = 0; term < termCount; term += 1) {
      for (let field = 0; field < fieldCount; field += 1) {
        offsets[term * (fieldCount + 1) + field] = position;
        cursor[term * fieldCount + field] = position;
        position += perSlot[term * fieldCount + field]!;
      }
      offsets[term * (fieldCount + 1) + fieldCount] = position;
    }
    const docs = new Int32Array(postingCount);
    const scores = new Float64Array(postingCount);
    const idf = Float64Array.from(perSlot, (matching) => inverseDocumentFrequency(matching, documentCount));
    // Postings were recorded in document order, so each term's documents come out ascending.
    for (let i = 0; i < postingCount; i += 1) {
      const slot = this.postingSlots[i]!;
      const field = slot % fieldCount;
      const doc = this.postingDocs[i]!;
      const at = cursor[slot]!;
      cursor[slot] = at + 1;
      docs[at] = doc;
      scores[at] = bm25(idf[slot]!, this.postingFrequencies[i]!, this.fieldLengths[doc * fieldCount + field]!, this.meanLength[field]!);
    }
    return new InvertedIndex(TermDictionary.of([...this.termNumbers.keys()]), documentCount, fieldCount, offsets, docs, scores);
  }

  private numberOf(term: string): number {
    let number = this.termNumbers.get(term);
    if (number === undefined) {
      number = this.termNumbers.size;
      this.termNumbers.set(term, number);
      this.seen = grown(this.seen, number + 1);
      this.frequency = grown(this.frequency, number + 1);
    }
    return number;
  }

  private record(slot: number, doc: number, frequency: number): void {
    const i = this.postingCount;
    this.postingCount += 1;
    this.postingSlots = grown(this.postingSlots, this.postingCount);
    this.postingDocs = grown(this.postingDocs, this.postingCount);
    this.postingFrequencies = grown(this.postingFrequencies, this.postingCount);
    this.postingSlots[i] = slot;
    this.postingDocs[i] = doc;
    this.postingFrequencies[i] = frequency;
  }
}

/** The array itself when it holds `size` items, else a copy at least twice as large. */
function grown(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const larger = new Int32Array(Math.max(size, array.length * 2));
  larger.set(array);
  return larger;
}

/**
 * MiniSearch's BM25+ (`calcBM25Score`), split so the inverse document frequency is computed once per
 * term and field; each part is written in the same order, so the floating-point result is identical.
 */
function inverseDocumentFrequency(matchingCount: number, totalCount: number): number {
  return Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
}

function bm25(inverseFrequency: number, termFrequency: number, fieldLength: number, meanFieldLength: number): number {
  const { k, b, d } = BM25;
  return inverseFrequency * (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / meanFieldLength)));
}
