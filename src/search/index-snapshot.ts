import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import type { SavedSearchIndex } from '../library/snapshot.ts';
import { InvertedIndex } from './inverted-index.ts';
import { TermDictionary } from './term-dictionary.ts';

/**
 * The inverted index saved by the build, so a process started from dist/ loads it instead of
 * tokenising and scoring every paper again (most of a one-shot `paperclub search`: docs/performance.md).
 *
 * The file is Node's own serialisation (`v8.serialize`, which keeps typed arrays as their bytes, so
 * every score comes back bit for bit, and reads 1 MB in about a millisecond). The library snapshot
 * the same build wrote records the file's SHA-256: a file that is missing, changed or from another
 * build is never used, and what passes that check is what the build produced, so it is only checked
 * here for the shape this code expects (another format, other fields, another library size, the
 * other byte order, or lengths that do not add up give null, and the caller builds the index).
 */

/** The file's name next to the library snapshot (scripts/build.mjs ships it; a test checks). */
export const INDEX_SNAPSHOT_FILE = 'search-index.v8';

/** Bumped when the layout, the tokenizer or the scoring changes what a saved index holds. */
export const INDEX_SNAPSHOT_FORMAT = 'paperclub-search-index/2';

export interface IndexSnapshot {
  format: string;
  /** The indexed fields by name, in order: a changed field list makes an old snapshot unusable. */
  fields: string[];
  documentCount: number;
  /** Terms by number. */
  terms: string[];
  /** TermDictionary's two orders of the term numbers. */
  sortedTerms: Int32Array;
  treeOrder: Int32Array;
  offsets: Int32Array;
  docs: Int32Array;
  scores: Float64Array;
  /** The typed arrays hold this machine's byte order. */
  byteOrder: 'LE' | 'BE';
}

export function indexSnapshot(index: InvertedIndex, fields: readonly string[]): IndexSnapshot {
  return {
    format: INDEX_SNAPSHOT_FORMAT,
    fields: [...fields],
    documentCount: index.documentCount,
    terms: [...index.terms()],
    sortedTerms: index.dictionary.sorted,
    treeOrder: index.dictionary.treeOrder,
    offsets: index.offsets,
    docs: index.docs,
    scores: index.scores,
    byteOrder: endianness(),
  };
}

/** The file's bytes. */
export function serializeIndexSnapshot(snapshot: IndexSnapshot): Buffer {
  return serialize(snapshot);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The saved index's data, or null when the file is unreadable or not the one the library snapshot names. */
export function readIndexSnapshot(saved: SavedSearchIndex): unknown {
  try {
    const bytes = readFileSync(saved.file);
    return sha256(bytes) === saved.sha256 ? deserialize(bytes) : null;
  } catch {
    return null;
  }
}

/** The saved index, when it is one for these fields and this many documents; else null. */
export function decodeIndex(data: unknown, fields: readonly string[], documentCount: number): InvertedIndex | null {
  if (!isSnapshot(data)) return null;
  if (data.format !== INDEX_SNAPSHOT_FORMAT || data.byteOrder !== endianness()) return null;
  if (data.documentCount !== documentCount || data.fields.join('\0') !== fields.join('\0')) return null;
  const termCount = data.terms.length;
  const { offsets, docs, scores } = data;
  if (data.sortedTerms.length !== termCount || data.treeOrder.length !== termCount) return null;
  if (offsets.length !== termCount * (fields.length + 1) || docs.length !== scores.length) return null;
  if (termCount > 0 && offsets[offsets.length - 1] !== docs.length) return null;
  const dictionary = TermDictionary.restore(data.terms, data.sortedTerms, data.treeOrder);
  return new InvertedIndex(dictionary, documentCount, fields.length, offsets, docs, scores);
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
    d.sortedTerms instanceof Int32Array &&
    d.treeOrder instanceof Int32Array &&
    d.offsets instanceof Int32Array &&
    d.docs instanceof Int32Array &&
    d.scores instanceof Float64Array
  );
}
