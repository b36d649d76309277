/**
 * Library ids: the versionless arXiv id when there is one, else a slug of the title (at most six
 * words, a–z 0–9 and `-`). Slugs that collide get `-2`, `-3`… in seed order; a title with no Latin
 * letters or digits gets `entry-<hash of the title>`. Same seeds, same ids.
 */
import { slugOf } from './titles.ts';
import type { PaperEntry } from './types.ts';

function shortHash(text: string): string {
  // FNV-1a: stable across runs and platforms.
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export function assignIds(entries: readonly PaperEntry[]): void {
  const taken = new Set(entries.filter((e) => e.arxivId).map((e) => e.arxivId!.toLowerCase()));
  for (const entry of entries) {
    if (entry.arxivId) {
      entry.id = entry.arxivId;
      continue;
    }
    const base = slugOf(entry.title) || `entry-${shortHash(entry.title)}`;
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    entry.id = id;
  }
}
