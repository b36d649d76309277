/**
 * Topic matching for one list of topics: what matched and why. The work is done by TopicIndex
 * (topic-index.ts), which a poll builds once over every channel's topics; these two functions are the
 * same thing for a single list (tests, tools, and anything that looks at one channel).
 */
import type { AliasTable } from './aliases.ts';
import type { MatchableItem, TopicMatch } from './match-types.ts';
import { type InvalidTopic, TopicIndex } from './topic-index.ts';

export { buildAliasTable, EMPTY_ALIASES } from './aliases.ts';
export type { AliasTable } from './aliases.ts';
export type { MatchableItem, MatchField, TopicMatch } from './match-types.ts';
export { TopicIndex, type InvalidTopic, type SubscriberMatch } from './topic-index.ts';

export interface CompiledTopics {
  /** The topics that parsed, as given. */
  readonly topics: readonly string[];
  /** Stored topics that no longer parse (should not happen: topics are validated when added). */
  readonly invalid: readonly InvalidTopic[];
  readonly index: TopicIndex;
}

export function compileTopics(topics: readonly string[], aliases: AliasTable): CompiledTopics {
  const index = TopicIndex.build([topics], aliases);
  const invalid = index.invalidTopics(0);
  return { topics: topics.filter((topic) => !invalid.some((bad) => bad.topic === topic)), invalid, index };
}

/** Every topic the item matches, in the list's order; [] when none does. */
export function matchItem(item: MatchableItem, compiled: CompiledTopics): TopicMatch[] {
  return compiled.index.matchItems([item])[0]![0]?.matches ?? [];
}
