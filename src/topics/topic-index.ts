/**
 * Every channel's topics in one index, so a poll reads each feed item once however many channels and
 * topics there are. Topics are compiled once per distinct spelling (channels share many); the terms
 * they look for are compiled once across all of them (term-index.ts). For each item, only the topics
 * one of whose terms it contains are checked, and each topic that matches is handed to the channels
 * that track it, in each channel's own topic order. Matches and reasons are those of the per-channel
 * matcher this replaced (test/unit/topics/topic-index.diff.test.ts compares them).
 */
import type { AliasTable } from './aliases.ts';
import { aliasesOf } from './aliases.ts';
import { FIELD, fieldNames } from './fields.ts';
import type { MatchableItem, TopicMatch } from './match-types.ts';
import { parseTopic } from './parse.ts';
import type { TopicQuery, TopicTerm } from './query.ts';
import { describeTerm } from './query.ts';
import { packed, type TermIndex, TermIndexBuilder } from './term-index.ts';

/** One way a term can be found: a term-index id, and how the reason names it. */
interface Alternative {
  term: number;
  label: string;
}

/** A topic term: its alternatives (a phrase, then the library's other names for it), in the fields it may use. */
interface CompiledTerm {
  fields: number;
  alternatives: Alternative[];
}

interface CompiledTopic {
  source: string;
  /** All must hold; within one, the first term found is the reason. */
  clauses: CompiledTerm[][];
  exclude: CompiledTerm[];
  replacements: boolean;
}

export interface InvalidTopic {
  topic: string;
  error: string;
}

/** One item that matched some of a subscriber's topics, with those matches in the subscriber's order. */
export interface SubscriberMatch<T extends MatchableItem> {
  item: T;
  matches: TopicMatch[];
}

const TEXT_FIELDS = { any: FIELD.title | FIELD.abstract, title: FIELD.title, abstract: FIELD.abstract } as const;

export class TopicIndex {
  /** The item each topic was last checked for: a topic is checked once per item. */
  private readonly checked: Int32Array;
  private itemsSeen = 0;

  private constructor(
    private readonly topics: readonly CompiledTopic[],
    /** Per topic, its subscribers as pairs (subscriber, position in that subscriber's list). */
    private readonly subscribersOf: readonly number[][],
    /** Per term id, the topics with that term in a clause (exclusions never make a topic match). */
    private readonly topicsOf: ReadonlyArray<readonly number[] | undefined>,
    private readonly terms: TermIndex,
    private readonly invalid: ReadonlyArray<readonly InvalidTopic[]>,
    private readonly longestList: number,
  ) {
    this.checked = new Int32Array(topics.length);
  }

  /**
   * `subscribers[i]` is subscriber i's topic list (a channel's topics, as stored). Topics that no longer
   * parse are left out and reported by invalidTopics(i).
   */
  static build(subscribers: ReadonlyArray<readonly string[]>, aliases: AliasTable): TopicIndex {
    const compiler = new TopicCompiler(aliases);
    const idByText = new Map<string, number | InvalidTopic>();
    const topics: CompiledTopic[] = [];
    const subscribersOf: number[][] = [];
    const invalid = subscribers.map((list, subscriber) => {
      const bad: InvalidTopic[] = [];
      list.forEach((text, position) => {
        let known = idByText.get(text);
        if (known === undefined) {
          const parsed = parseTopic(text);
          if (parsed.ok) {
            known = topics.length;
            topics.push(compiler.compile(parsed.value));
            subscribersOf.push([]);
          } else {
            known = { topic: text, error: parsed.error };
          }
          idByText.set(text, known);
        }
        if (typeof known === 'number') subscribersOf[known]!.push(subscriber, position);
        else bad.push(known);
      });
      return bad;
    });
    const terms = compiler.terms.build();
    const topicsOf: Array<number[] | undefined> = [];
    topics.forEach((topic, id) => {
      // Every clause must hold, so any one clause's terms can call the topic up: the rarest-looking one.
      for (const { alternatives } of triggerClause(topic)) {
        for (const { term } of alternatives) {
          const list = (topicsOf[term] ??= []);
          if (list.at(-1) !== id) list.push(id);
        }
      }
    });
    const longestList = subscribers.reduce((longest, list) => Math.max(longest, list.length), 0);
    return new TopicIndex(topics, subscribersOf, packed(topicsOf, terms.count), terms, invalid, longestList);
  }

  /** Subscriber i's stored topics that no longer parse (topics are checked when added: should be none). */
  invalidTopics(subscriber: number): readonly InvalidTopic[] {
    return this.invalid[subscriber] ?? [];
  }

  /** Per subscriber, the items that match any of its topics, in item order. */
  matchItems<T extends MatchableItem>(items: readonly T[]): Array<Array<SubscriberMatch<T>>> {
    const out: Array<Array<SubscriberMatch<T>>> = this.invalid.map(() => []);
    for (const item of items) {
      const found = this.matchTopics(item);
      if (found.length === 0) continue;
      // (subscriber, position) as one sortable number, so each subscriber's matches come out in its order.
      const handed: Array<{ at: number; match: TopicMatch }> = [];
      for (const { topic, match } of found) {
        const pairs = this.subscribersOf[topic]!;
        for (let k = 0; k < pairs.length; k += 2) handed.push({ at: pairs[k]! * this.longestList + pairs[k + 1]!, match });
      }
      handed.sort((a, b) => a.at - b.at);
      let current: SubscriberMatch<T> | null = null;
      let currentSubscriber = -1;
      for (const { at, match } of handed) {
        const subscriber = Math.floor(at / this.longestList);
        if (subscriber !== currentSubscriber) {
          current = { item, matches: [] };
          out[subscriber]!.push(current);
          currentSubscriber = subscriber;
        }
        current!.matches.push(match);
      }
    }
    return out;
  }

  /** The distinct topics `item` matches. */
  private matchTopics(item: MatchableItem): Array<{ topic: number; match: TopicMatch }> {
    const { fields, found } = this.terms.scan(item);
    const isReplacement = item.announceType === 'replace' || item.announceType === 'replace-cross';
    const stamp = ++this.itemsSeen;
    const matched: Array<{ topic: number; match: TopicMatch }> = [];
    for (const term of found) {
      const topics = this.topicsOf[term];
      if (topics === undefined) continue;
      for (const topic of topics) {
        if (this.checked[topic] === stamp) continue;
        this.checked[topic] = stamp;
        const match = evaluate(this.topics[topic]!, fields, isReplacement);
        if (match) matched.push({ topic, match });
      }
    }
    return matched;
  }
}

/** The topic's match for an item whose terms were found in `fields`, or null. */
function evaluate(topic: CompiledTopic, fields: Uint8Array, isReplacement: boolean): TopicMatch | null {
  if (isReplacement && !topic.replacements) return null;
  // Most topics checked do not match: decide before building anything.
  for (const clause of topic.clauses) if (!clause.some((term) => isFound(term, fields))) return null;
  if (topic.exclude.some((term) => isFound(term, fields))) return null;
  const terms: string[] = [];
  let where = 0;
  for (const clause of topic.clauses) {
    // The reason is the first term found, and within it the first alternative (the phrase before its nicknames).
    const term = clause.find((t) => isFound(t, fields))!;
    const alternative = term.alternatives.find(({ term: id }) => (fields[id]! & term.fields) !== 0)!;
    terms.push(alternative.label);
    where |= fields[alternative.term]! & term.fields;
  }
  return { topic: topic.source, terms, fields: fieldNames(where) };
}

function isFound(term: CompiledTerm, fields: Uint8Array): boolean {
  for (const { term: id } of term.alternatives) if ((fields[id]! & term.fields) !== 0) return true;
  return false;
}

/** How often a term turns up in feed items, roughly: many papers share a category, fewer an author, fewer a phrase. */
function commonness(term: CompiledTerm): number {
  const perAlternative = term.fields === FIELD.category ? 100 : term.fields === FIELD.authors ? 10 : 1;
  return perAlternative * term.alternatives.length;
}

/** The clause least likely to be found: the topic is checked only for items that contain one of its terms. */
function triggerClause(topic: CompiledTopic): CompiledTerm[] {
  const cost = (clause: CompiledTerm[]) => clause.reduce((sum, term) => sum + commonness(term), 0);
  return topic.clauses.reduce((best, clause) => (cost(clause) < cost(best) ? clause : best));
}

/** Turns parsed topics into term-index ids, sharing terms between topics. */
class TopicCompiler {
  readonly terms = new TermIndexBuilder();
  private readonly aliasesByText = new Map<string, readonly string[]>();

  constructor(private readonly aliases: AliasTable) {}

  compile(query: TopicQuery): CompiledTopic {
    return {
      source: query.source,
      clauses: query.clauses.map((clause) => clause.anyOf.map((term) => this.term(term, true))),
      // Exclusions stay literal: `-survey` should not grow into every name a survey paper has.
      exclude: query.exclude.map((term) => this.term(term, false)),
      replacements: query.replacements,
    };
  }

  private term(term: TopicTerm, withAliases: boolean): CompiledTerm {
    const label = describeTerm(term);
    switch (term.kind) {
      case 'category':
        return { fields: FIELD.category, alternatives: [{ term: this.terms.category(term.category), label }] };
      case 'author':
        return { fields: FIELD.authors, alternatives: [{ term: this.terms.author(term.name), label }] };
      case 'text': {
        const alternatives = [{ term: this.terms.phrase(term.text), label }];
        for (const alias of withAliases ? this.aliasesOf(term.text) : []) {
          alternatives.push({ term: this.terms.phrase(alias), label: `${label} (as "${alias}")` });
        }
        return { fields: TEXT_FIELDS[term.scope], alternatives };
      }
    }
  }

  private aliasesOf(text: string): readonly string[] {
    let names = this.aliasesByText.get(text);
    if (names === undefined) {
      names = aliasesOf(this.aliases, text);
      this.aliasesByText.set(text, names);
    }
    return names;
  }
}
