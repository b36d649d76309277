import { endianness } from 'node:os';
import { InvertedIndex } from './inverted-index.ts';

/**
 * The inverted index as plain data, so the build can save it next to the library snapshot and a
 * process started from dist/ loads it instead of tokenising and scoring every paper again: about
 * 0.25 s of a one-shot `paperclub search` (docs/performance.md). The typed arrays travel as base64 of
 * their bytes, so every score comes back bit for bit.
 *
 * Data read from disk is checked before use: another format, other fields, another library size,
 * lengths that do not add up, or a machine of the other byte order give null, and the caller builds
 * the index as it would without a snapshot.
 */

/** Bumped when the layout, the tokenizer or the scoring changes what a saved index would hold. */
export const INDEX_SNAPSHOT_FORMAT = 'paperclub-search-index/1';

export interface IndexSnapshot {
  format: string;
  /** The indexed fields by name, in order: a changed field list makes an old snapshot unusable. */
  fields: string[];
  documentCount: number;
  /** Terms by number. */
  terms: string[];
  /** Base64 of the typed arrays' bytes, in this machine's byte order (recorded in `byteOrder`). */
  offsets: string;
  docs: string;
  scores: string;
  byteOrder: 'LE' | 'BE';
}

export function encodeIndex(index: InvertedIndex, fields: readonly string[]): IndexSnapshot {
  return {
    format: INDEX_SNAPSHOT_FORMAT,
    fields: [...fields],
    documentCount: index.documentCount,
    terms: [...index.terms()],
    offsets: base64Of(index.offsets),
    docs: base64Of(index.docs),
    scores: base64Of(index.scores),
    byteOrder: endianness(),
  };
}

/** The saved index, when it is one for these fields and this many documents; else null. */
export function decodeIndex(data: unknown, fields: readonly string[], documentCount: number): InvertedIndex | null {
  if (!isSnapshot(data)) return null;
  if (data.format !== INDEX_SNAPSHOT_FORMAT || data.byteOrder !== endianness()) return null;
  if (data.documentCount !== documentCount || data.fields.join('\0') !== fields.join('\0')) return null;
  const offsets = typedArray(data.offsets, Int32Array);
  const docs = typedArray(data.docs, Int32Array);
  const scores = typedArray(data.scores, Float64Array);
  if (!offsets || !docs || !scores) return null;
  const fieldCount = fields.length;
  if (offsets.length !== data.terms.length * (fieldCount + 1) || docs.length !== scores.length) return null;
  if (!ascendingWithin(offsets, docs.length) || (data.terms.length > 0 && offsets[offsets.length - 1] !== docs.length)) return null;
  if (!docs.every((doc) => doc >= 0 && doc < documentCount)) return null;
  return new InvertedIndex(data.terms, documentCount, fieldCount, offsets, docs, scores);
}

function isSnapshot(data: unknown): data is IndexSnapshot {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    typeof d.format === 'string' &&
    Array.isArray(d.fields) &&
    typeof d.documentCount === 'number' &&
    Array.isArray(d.terms) &&
    d.terms.every((term) => typeof term === 'string') &&
    typeof d.offsets === 'string' &&
    typeof d.docs === 'string' &&
    typeof d.scores === 'string'
  );
}

function ascendingWithin(offsets: Int32Array, end: number): boolean {
  let previous = 0;
  for (const offset of offsets) {
    if (offset < previous || offset > end) return false;
    previous = offset;
  }
  return true;
}

function base64Of(array: Int32Array | Float64Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** The array whose bytes the base64 holds, or null when they are not a whole number of elements. */
function typedArray<T extends Int32Array | Float64Array>(base64: string, type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T | null {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % type.BYTES_PER_ELEMENT !== 0) return null;
  // Copied into a buffer of its own: a Buffer's bytes may sit at an offset a typed array cannot start at.
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return new type(buffer);
}
