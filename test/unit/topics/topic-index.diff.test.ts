/**
 * The indexed matcher (TopicIndex, what a poll uses) against the matcher it replaced (reference-matcher.ts,
 * each channel running each of its topics on each item): same (channel, item) pairs, same reasons, same
 * topics set aside, on generated corpora and on the real feed fixtures with the real library's nicknames.
 * The corpus checks at the end show the comparison has teeth: it produces many matches and many
 * non-matches, and a matcher that drops any one rule (exclusions, ti:/abs:, nicknames, replacements,
 * word boundaries) would disagree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/arxiv/feed-client.ts';
import { loadLibrary } from '../../../src/library/library.ts';
import { buildAliasTable, EMPTY_ALIASES, TopicIndex, type AliasTable, type MatchableItem } from '../../../src/topics/match.ts';
import { parseTopic } from '../../../src/topics/parse.ts';
import { describeTopic } from '../../../src/topics/query.ts';
import { CORPUS_LIBRARY, generateCorpus, seeded, type MatchingCorpus } from './matching-corpus.ts';
import { referenceCompileTopics, referenceMatchItem } from './reference-matcher.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Per channel: one line per matched item (id and every match with its reason), and the topics set aside. */
interface Outcome {
  matched: string[][];
  invalid: string[][];
}

function referenceOutcome(corpus: MatchingCorpus, aliases: AliasTable): Outcome {
  const matched: string[][] = [];
  const invalid: string[][] = [];
  for (const topics of corpus.channels) {
    const compiled = referenceCompileTopics(topics, aliases);
    invalid.push(compiled.invalid.map((bad) => `${bad.topic}: ${bad.error}`));
    const lines: string[] = [];
    for (const item of corpus.items) {
      const matches = referenceMatchItem(item, compiled);
      if (matches.length > 0) lines.push(`${item.arxivId} ${JSON.stringify(matches)}`);
    }
    matched.push(lines);
  }
  return { matched, invalid };
}

function indexedOutcome(corpus: MatchingCorpus, aliases: AliasTable): Outcome {
  const index = TopicIndex.build(corpus.channels, aliases);
  const perChannel = index.matchItems(corpus.items);
  return {
    matched: perChannel.map((found) => found.map(({ item, matches }) => `${item.arxivId} ${JSON.stringify(matches)}`)),
    invalid: corpus.channels.map((_, channel) => index.invalidTopics(channel).map((bad) => `${bad.topic}: ${bad.error}`)),
  };
}

/** Differences channel by channel, few enough to read when the matchers disagree. */
function differences(expected: Outcome, actual: Outcome): string[] {
  const out: string[] = [];
  expected.matched.forEach((lines, channel) => {
    const got = new Set(actual.matched[channel]);
    const want = new Set(lines);
    for (const line of lines) if (!got.has(line)) out.push(`channel ${channel} missing: ${line}`);
    for (const line of actual.matched[channel] ?? []) if (!want.has(line)) out.push(`channel ${channel} extra: ${line}`);
    if (got.size === want.size && out.length === 0 && JSON.stringify(lines) !== JSON.stringify(actual.matched[channel])) {
      out.push(`channel ${channel}: same matches in a different order`);
    }
  });
  if (JSON.stringify(expected.invalid) !== JSON.stringify(actual.invalid)) out.push('topics set aside differ');
  return out.slice(0, 20);
}

const pairs = (outcome: Outcome): number => outcome.matched.reduce((n, lines) => n + lines.length, 0);
const reasons = (outcome: Outcome): string => outcome.matched.flat().join('\n');

describe('TopicIndex agrees with the per-channel reference matcher', () => {
  const aliases = buildAliasTable(CORPUS_LIBRARY);

  for (const seed of [1, 2, 3]) {
    it(`on generated corpus #${seed}: same pairs, same reasons, same topics set aside`, () => {
      const corpus = generateCorpus(seed);
      const expected = referenceOutcome(corpus, aliases);
      expect(differences(expected, indexedOutcome(corpus, aliases))).toEqual([]);
      expect(indexedOutcome(corpus, aliases)).toEqual(expected);
    });
  }

  it('without nicknames, with 400 channels sharing a few topics, and with no topics at all', () => {
    const shared = generateCorpus(4, { items: 150, channels: 400, topics: 30 });
    expect(indexedOutcome(shared, EMPTY_ALIASES)).toEqual(referenceOutcome(shared, EMPTY_ALIASES));
    const empty = { items: shared.items, channels: [[], []] };
    expect(indexedOutcome(empty, aliases)).toEqual({ matched: [[], []], invalid: [[], []] });
  });

  it('on the real feed fixtures with the real library and topics made of its names and the feeds’ authors', async () => {
    const library = await loadLibrary({ seedsDir: path.join(ROOT, 'seeds') });
    const items: MatchableItem[] = [];
    for (const file of ['rss2-quant-ph-2025-04-28.xml', 'rss-atom-cs.AI-2025-08-20-excerpt.xml', 'rss1-rdf-cs-2018-08-30.xml']) {
      items.push(...(await parseFeed(readFileSync(path.join(ROOT, 'test/fixtures/arxiv', file), 'utf8'))).items);
    }
    const random = seeded(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const names = [...library.entries.flatMap((e) => e.aka), ...library.entries.map((e) => e.title.split(':')[0]!.trim())].filter(
      (n) => !n.includes('"'),
    );
    const authors = items.flatMap((i) => i.authors).filter((a) => !a.includes('"'));
    const words = items.flatMap((i) => i.title.split(/\s+/)).filter((w) => /^[\p{L}-]{4,}$/u.test(w));
    const makers = [
      () => `"${pick(names)}"`,
      () => `${pick(words)} OR "${pick(names)}"`,
      () => `au:"${pick(authors)}"`,
      () => `cat:${pick(['cs', 'cs.CL', 'quant-ph', 'cs.LG'])} ${pick(words)}`,
      () => `${pick(words)} -survey`,
      () => `ti:${pick(words)} -cat:cs.CV +replacements`,
    ];
    const pool = Array.from({ length: 300 }, () => pick(makers)()).filter((t) => parseTopic(t).ok);
    const corpus = { items, channels: Array.from({ length: 50 }, () => Array.from({ length: 6 }, () => pick(pool))) };
    const realAliases = buildAliasTable(library.entries);
    const expected = referenceOutcome(corpus, realAliases);
    expect(pairs(expected)).toBeGreaterThan(300);
    expect(indexedOutcome(corpus, realAliases)).toEqual(expected);
  });
});

describe('the generated corpus can tell matchers apart', () => {
  const aliases = buildAliasTable(CORPUS_LIBRARY);
  const corpus = generateCorpus(1);
  let expected: Outcome;
  beforeAll(() => {
    expected = referenceOutcome(corpus, aliases);
  });

  /** The reference matcher on the same items with every channel's topics rewritten. */
  const withTopics = (rewrite: (topic: string) => string, table = aliases): Outcome =>
    referenceOutcome({ items: corpus.items, channels: corpus.channels.map((list) => list.map(rewrite)) }, table);
  const canonical = (topic: string, change: (t: ReturnType<typeof parseTopic> & { ok: true }) => void): string => {
    const parsed = parseTopic(topic);
    if (!parsed.ok) return topic;
    change(parsed);
    return describeTopic(parsed.value);
  };

  it('has many matches and many non-matches, in every field, with AND topics and nicknames among them', () => {
    const all = corpus.channels.length * corpus.items.length;
    expect(pairs(expected)).toBeGreaterThan(all / 10);
    expect(all - pairs(expected)).toBeGreaterThan(all / 3);
    const text = reasons(expected);
    for (const field of ['"title"', '"abstract"', '"authors"', '"category"']) expect(text).toContain(field);
    expect(text.match(/\(as \\"/g)?.length ?? 0).toBeGreaterThan(20);
    const andMatches = expected.matched.flat().filter((line) => /"terms":\["[^\]]*",/.test(line)).length;
    expect(andMatches).toBeGreaterThan(100);
  });

  it('a matcher that forgot exclusions, scopes, nicknames or +replacements would differ', () => {
    const noExclusions = withTopics((t) => canonical(t, (p) => void (p.value.exclude = [])));
    const noScopes = withTopics((t) =>
      canonical(t, (p) => {
        for (const clause of p.value.clauses) for (const term of clause.anyOf) if (term.kind === 'text') term.scope = 'any';
      }),
    );
    const allReplacements = withTopics((t) => canonical(t, (p) => void (p.value.replacements = true)));
    const noNicknames = withTopics((t) => t, EMPTY_ALIASES);
    for (const mutant of [noExclusions, noScopes, allReplacements, noNicknames]) expect(differences(expected, mutant).length).toBeGreaterThan(5);
  });

  it('has topic words hiding inside longer words that must not match (rope in Europe, expert in expertise)', () => {
    const loose = corpus.items.filter((item) => /europe/i.test(item.abstract) && !/\brope\b/i.test(item.abstract.replace(/europe/gi, '')));
    expect(loose.length).toBeGreaterThan(20);
    const index = TopicIndex.build([['rope'], ['expert'], ['"pre training"']], EMPTY_ALIASES);
    const reference = ['rope', 'expert', '"pre training"'].map((t) => referenceCompileTopics([t], EMPTY_ALIASES));
    const perChannel = index.matchItems(corpus.items);
    reference.forEach((compiled, channel) => {
      const want = corpus.items.filter((item) => referenceMatchItem(item, compiled).length > 0).map((i) => i.arxivId);
      expect(perChannel[channel]!.map((m) => m.item.arxivId)).toEqual(want);
      expect(want.length).toBeGreaterThan(10);
      expect(want.length).toBeLessThan(corpus.items.length - 10);
    });
  });
});
