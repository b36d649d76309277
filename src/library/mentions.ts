/**
 * Bare names in an outline (`QLoRA`, `Flash Attention`, `T5 (?)`). A name that equals, ignoring case,
 * spaces and punctuation, exactly one paper's a.k.a., title, or one-word title prefix (`FlashAttention:
 * …`) is that paper: the outline path above the name becomes its tags and the line a source. Any other
 * name (`SFT`, `Triton`, `CUDA`, `Tokenizer`, or a name that fits several papers) is a topic.
 */
import type { MergeEvent } from './merge.ts';
import type { BareMention } from './raw.ts';
import { compareSources, sourceKey } from './sources.ts';
import { compactKey, splitPrefix } from './titles.ts';
import type { ImportReport, PaperEntry } from './types.ts';

type Topic = ImportReport['topics'][number];

/** A name with a trailing note removed: `T5 (?)` → `T5`. */
const nameVariants = (name: string): string[] => {
  const bare = name.replace(/\s*\([^)]*\)\s*$/, '').trim();
  return bare && bare !== name ? [name, bare] : [name];
};

interface NameIndex {
  aka: Map<string, Set<PaperEntry>>;
  title: Map<string, Set<PaperEntry>>;
}

function indexNames(entries: readonly PaperEntry[]): NameIndex {
  const aka = new Map<string, Set<PaperEntry>>();
  const title = new Map<string, Set<PaperEntry>>();
  const add = (map: Map<string, Set<PaperEntry>>, key: string, entry: PaperEntry): void => {
    if (key) map.set(key, (map.get(key) ?? new Set()).add(entry));
  };
  for (const entry of entries) {
    for (const a of entry.aka) add(aka, compactKey(a), entry);
    add(title, compactKey(entry.title), entry);
    const prefix = splitPrefix(entry.title)?.prefix;
    if (prefix && !/\s/.test(prefix)) add(title, compactKey(prefix), entry);
  }
  return { aka, title };
}

function matchMention(mention: BareMention, index: NameIndex): { entry: PaperEntry; key: 'aka' | 'title' } | null {
  for (const variant of nameVariants(mention.name)) {
    const key = compactKey(variant);
    const viaAka = index.aka.get(key) ?? new Set<PaperEntry>();
    const viaTitle = index.title.get(key) ?? new Set<PaperEntry>();
    const all = new Set([...viaAka, ...viaTitle]);
    if (all.size === 1) {
      const entry = [...all][0]!;
      return { entry, key: viaAka.has(entry) ? 'aka' : 'title' };
    }
    if (all.size > 1) return null;
  }
  return null;
}

/** Tags known papers with their mentions (in place) and returns the rest as topics. `listNames` names the seed files. */
export function applyMentions(entries: readonly PaperEntry[], mentions: readonly BareMention[], listNames: ReadonlyMap<string, string>): { events: MergeEvent[]; topics: Topic[] } {
  const index = indexNames(entries);
  const events: MergeEvent[] = [];
  const topics: Topic[] = [];
  const topicNames = new Set<string>();
  for (const mention of [...mentions].sort((a, b) => compareSources(a.source, b.source))) {
    const match = matchMention(mention, index);
    if (!match) {
      const k = mention.name.toLowerCase();
      if (!topicNames.has(k)) {
        topicNames.add(k);
        topics.push({ name: mention.name, source: { ...mention.source } });
      }
      continue;
    }
    const { entry, key } = match;
    const known = new Set(entry.tags.map((t) => t.toLowerCase()));
    for (const tag of mention.path) {
      if (!known.has(tag.toLowerCase())) {
        entry.tags.push(tag);
        known.add(tag.toLowerCase());
      }
    }
    if (!entry.sources.some((s) => sourceKey(s) === sourceKey(mention.source))) {
      entry.sources.push({ ...mention.source, list: listNames.get(mention.source.file) ?? mention.source.file });
      entry.sources.sort(compareSources);
    }
    events.push({ entry, from: { ...mention.source }, key });
  }
  return { events, topics };
}
