import SearchableMap from 'minisearch/SearchableMap';

/**
 * The library's terms and where they occur: for each term and field, the documents that hold it and
 * the BM25+ score it earns there, computed once when the index is built.
 *
 * MiniSearch's radix tree (`SearchableMap`) is the term dictionary, so exact, prefix and fuzzy
 * (edit-distance) term lookup are MiniSearch's own. The postings are two flat typed arrays, term by
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

/**
 * A term's postings while documents are being added, by field: document and term frequency pairs in
 * one plain array (a list only for the fields the term occurs in).
 */
type GrowingPostings = Array<number[] | undefined>;

export class InvertedIndex {
  private constructor(
    /** Term → term number, in the order terms were first met (so iteration order matches MiniSearch's). */
    private readonly dictionary: SearchableMap<number>,
    readonly documentCount: number,
    private readonly fieldCount: number,
    /** Postings of term t in field f: positions `offsets[t * (fieldCount + 1) + f]` up to the next offset. */
    private readonly offsets: Int32Array,
    /** The document of each posting. */
    readonly docs: Int32Array,
    /** The term's BM25+ score in that document's field (before any boost). */
    readonly scores: Float64Array,
  ) {}

  /**
   * `documents[d][f]` is the list of terms of field `f` of document `d`, repeats kept (they are the
   * term frequency). Documents are numbered by their position.
   */
  static build(fieldCount: number, documents: ReadonlyArray<ReadonlyArray<readonly string[]>>): InvertedIndex {
    const growing = new Map<string, GrowingPostings>();
    const fieldLengths = new Float64Array(documents.length * fieldCount);
    const meanLength = new Float64Array(fieldCount);
    const counts = new Map<string, number>();
    let postingCount = 0;
    documents.forEach((fields, doc) => {
      for (let field = 0; field < fieldCount; field += 1) {
        counts.clear();
        for (const term of fields[field] ?? []) counts.set(term, (counts.get(term) ?? 0) + 1);
        fieldLengths[doc * fieldCount + field] = counts.size;
        // The running mean MiniSearch keeps (not the plain mean), so scores agree to the last bit.
        meanLength[field] = (meanLength[field]! * doc + counts.size) / (doc + 1);
        postingCount += counts.size;
        for (const [term, frequency] of counts) {
          let postings = growing.get(term);
          if (postings === undefined) {
            postings = new Array<number[] | undefined>(fieldCount).fill(undefined);
            growing.set(term, postings);
          }
          (postings[field] ??= []).push(doc, frequency);
        }
      }
    });

    const dictionary = new SearchableMap<number>();
    const offsets = new Int32Array(growing.size * (fieldCount + 1));
    const docs = new Int32Array(postingCount);
    const scores = new Float64Array(postingCount);
    let next = 0;
    let termNumber = 0;
    for (const [term, postings] of growing) {
      dictionary.set(term, termNumber);
      for (let field = 0; field < fieldCount; field += 1) {
        offsets[termNumber * (fieldCount + 1) + field] = next;
        const pairs = postings[field] ?? [];
        const matching = pairs.length / 2;
        for (let i = 0; i < pairs.length; i += 2) {
          const doc = pairs[i]!;
          docs[next] = doc;
          scores[next] = bm25(pairs[i + 1]!, matching, documents.length, fieldLengths[doc * fieldCount + field]!, meanLength[field]!);
          next += 1;
        }
      }
      offsets[termNumber * (fieldCount + 1) + fieldCount] = next;
      termNumber += 1;
    }
    return new InvertedIndex(dictionary, documents.length, fieldCount, offsets, docs, scores);
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
    return this.dictionary.atPrefix(prefix).entries();
  }

  /** Every term within `maxDistance` edits of `term` (itself included), with its number and distance. */
  neighbours(term: string, maxDistance: number): Map<string, [number, number]> {
    return this.dictionary.fuzzyGet(term, maxDistance);
  }

  terms(): Iterable<string> {
    return this.dictionary.keys();
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

/** MiniSearch's BM25+ (`calcBM25Score`), written in the same order so the floating-point result is identical. */
function bm25(termFrequency: number, matchingCount: number, totalCount: number, fieldLength: number, meanFieldLength: number): number {
  const { k, b, d } = BM25;
  const inverseDocumentFrequency = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return inverseDocumentFrequency * (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / meanFieldLength)));
}
