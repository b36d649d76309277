/**
 * One spelling per tag across the library. Lists spell the same tag differently (`#Finetuning` in one,
 * a `Fine-tuning` heading in another): tags equal after folding case, accents, spaces and punctuation are
 * one tag, written the way most entries write it (ties: the spelling seen first in seed order).
 */
import { compactKey } from './titles.ts';
import type { PaperEntry } from './types.ts';

export function unifyTagSpellings(entries: readonly PaperEntry[]): void {
  const spellings = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    for (const tag of entry.tags) {
      const key = compactKey(tag) || tag.toLowerCase();
      const counts = spellings.get(key) ?? new Map<string, number>();
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
      spellings.set(key, counts);
    }
  }
  const canonical = new Map<string, string>();
  for (const [key, counts] of spellings) {
    // Map iteration follows first appearance, so the first-seen spelling wins a tie.
    let best = '';
    let most = 0;
    for (const [spelling, n] of counts) {
      if (n > most) {
        best = spelling;
        most = n;
      }
    }
    canonical.set(key, best);
  }
  for (const entry of entries) {
    const seen = new Set<string>();
    entry.tags = entry.tags
      .map((tag) => canonical.get(compactKey(tag) || tag.toLowerCase())!)
      .filter((tag) => !seen.has(tag) && (seen.add(tag), true));
  }
}
