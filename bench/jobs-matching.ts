/**
 * Topic matching at scale: 2,000 feed items against 1,000 topics spread over 200 channels (5 each),
 * the work one poll's fan-out does. Items are the real feed fixtures (quant-ph RSS, cs.AI Atom, the
 * old cs RDF feed) repeated under fresh ids to reach 2,000; topics mix phrases from the seed library's
 * titles and nicknames (so alias expansion is exercised), authors from the feeds, categories, OR and
 * exclusions. Reported: the index build (compile, once per poll), match time (total and per item per
 * channel), matches, heap growth; the same at 10,000 topics (50 per channel); total time (compile +
 * match) at 100, 1,000 and 10,000 topics; and the per-channel matcher it replaced on the 1,000-topic
 * run, whose results must agree. Timings are the median of RUNS builds and matches in one process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed, type FeedItem } from '../src/arxiv/feed-client.ts';
import { loadLibrary } from '../src/library/library.ts';
import { buildAliasTable, TopicIndex, type AliasTable, type TopicMatch } from '../src/topics/match.ts';
import { parseTopic } from '../src/topics/parse.ts';
import { referenceCompileTopics, referenceMatchItem } from '../test/unit/topics/reference-matcher.ts';
import { median, round, timeSync } from './stats.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = ['rss2-quant-ph-2025-04-28.xml', 'rss-atom-cs.AI-2025-08-20-excerpt.xml', 'rss1-rdf-cs-2018-08-30.xml'];
const ITEMS = 2000;
const CHANNELS = 200;
const TOPICS_PER_CHANNEL = 5;
const GROWTH_TOPICS = [100, 1000, 10_000] as const;
const RUNS = 5;
const CATEGORIES = ['cs.CL', 'cs.LG', 'cs.AI', 'cs.CV', 'quant-ph', 'stat.ML', 'cs.CR', 'physics.optics'];

/** A deterministic pseudo-random sequence, so every run builds the same topics. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function loadItems(): Promise<FeedItem[]> {
  const real: FeedItem[] = [];
  for (const file of FIXTURES) real.push(...(await parseFeed(readFileSync(path.join(ROOT, 'test/fixtures/arxiv', file), 'utf8'))).items);
  return Array.from({ length: ITEMS }, (_, i) => ({ ...real[i % real.length]!, arxivId: `2601.${String(10000 + i)}` }));
}

function buildTopics(phrases: string[], authors: string[], random: () => number, count: number): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const phrase = () => {
    const p = pick(phrases);
    return /\s/.test(p) ? `"${p}"` : p;
  };
  const makers = [
    () => phrase(),
    () => `${phrase()} OR ${phrase()}`,
    () => `au:"${pick(authors)}"`,
    () => `cat:${pick(CATEGORIES)} ${phrase()}`,
    () => `${phrase()} -survey`,
    () => `ti:${phrase()} -cat:cs.CV`,
  ];
  const topics: string[] = [];
  while (topics.length < count) {
    const topic = pick(makers)();
    if (parseTopic(topic).ok) topics.push(topic);
  }
  return topics;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Topics dealt out to CHANNELS channels in order, as evenly as the count allows (5 each for 1,000). */
function spread(topics: readonly string[]): string[][] {
  return Array.from({ length: CHANNELS }, (_, c) => topics.slice(Math.floor((c * topics.length) / CHANNELS), Math.floor(((c + 1) * topics.length) / CHANNELS)));
}

interface Counts {
  /** (channel, topic, paper) matches. */
  matches: number;
  /** (channel, paper) pairs: the alerts a poll would take. */
  alerts: number;
}

function counts(perChannel: ReadonlyArray<ReadonlyArray<{ matches: readonly TopicMatch[] }>>): Counts {
  let matches = 0;
  let alerts = 0;
  for (const found of perChannel) {
    alerts += found.length;
    for (const f of found) matches += f.matches.length;
  }
  return { matches, alerts };
}

interface Measured extends Counts {
  compileMs: number;
  matchMs: number;
  totalMs: number;
  /** The first build and match in this process (code not yet optimised by the JIT). */
  firstTotalMs: number;
}

/** Builds the index and matches every item, RUNS times; medians, and what the poll would alert. */
function measure(items: readonly FeedItem[], channels: string[][], aliases: AliasTable): Measured {
  const compile: number[] = [];
  const match: number[] = [];
  const total: number[] = [];
  let found: Counts = { matches: 0, alerts: 0 };
  for (let run = 0; run < RUNS; run++) {
    const built = timeSync(() => TopicIndex.build(channels, aliases));
    const matched = timeSync(() => built.value.matchItems(items));
    compile.push(built.ms);
    match.push(matched.ms);
    total.push(built.ms + matched.ms);
    found = counts(matched.value);
  }
  return { ...found, compileMs: median(compile), matchMs: median(match), totalMs: median(total), firstTotalMs: total[0]! };
}

/** Today's per-channel matcher before this index: every channel compiles and runs its topics on every item. */
function measureReference(items: readonly FeedItem[], channels: string[][], aliases: AliasTable): Counts & { compileMs: number; matchMs: number } {
  const compiled = timeSync(() => channels.map((topics) => referenceCompileTopics(topics, aliases)));
  const matched = timeSync(() => compiled.value.map((c) => items.map((item) => ({ matches: referenceMatchItem(item, c) })).filter((f) => f.matches.length > 0)));
  return { ...counts(matched.value), compileMs: compiled.ms, matchMs: matched.ms };
}

export const jobsMatchingBenchmark: Benchmark = {
  name: 'jobs-matching',
  async run(ctx) {
    const library = await loadLibrary({ seedsDir: path.join(ROOT, 'seeds') });
    const items = await loadItems();
    const phrases = [
      ...library.entries.flatMap((e) => e.aka),
      ...library.entries.map((e) => e.title.split(':')[0]!.trim()).filter((t) => t.split(/\s+/).length <= 4),
      'mixture of experts', 'quantum', 'entanglement', 'reinforcement learning', 'transformer', 'language models', 'rope', 'diffusion',
    ].filter((p) => p.length > 1 && !p.includes('"'));
    const authors = [...new Set(items.flatMap((i) => i.authors))].filter((a) => !a.includes('"'));
    // One seeded sequence: the first 1,000 topics are the 1,000-topic run, the first 100 the smallest.
    const allTopics = buildTopics(phrases, authors, rng(42), Math.max(...GROWTH_TOPICS));
    const topics = allTopics.slice(0, CHANNELS * TOPICS_PER_CHANNEL);
    const channels = spread(topics);
    ctx.log(`${items.length} items, ${topics.length} topics (${new Set(topics).size} distinct) over ${CHANNELS} channels, ${library.size} library entries`);

    const aliasTable = timeSync(() => buildAliasTable(library.entries));
    const aliases = aliasTable.value;
    const heapBefore = heapMb();
    const kept = TopicIndex.build(channels, aliases).matchItems(items);
    const heapAfter = heapMb();
    const main = measure(items, channels, aliases);
    ctx.log(`index: compile ${round(main.compileMs, 1)} ms, match ${round(main.matchMs, 1)} ms (first run ${round(main.firstTotalMs, 1)} ms), ${main.alerts} (channel, paper) alerts`);

    const reference = measureReference(items, channels, aliases);
    ctx.log(`reference (per-channel) matcher: compile ${round(reference.compileMs, 1)} ms, match ${round(reference.matchMs, 1)} ms, ${reference.alerts} alerts`);
    if (reference.alerts !== main.alerts || reference.matches !== main.matches || counts(kept).alerts !== main.alerts) {
      throw new Error(`the index and the reference matcher disagree: ${main.alerts}/${main.matches} vs ${reference.alerts}/${reference.matches} (alerts/matches)`);
    }

    const tenK = measure(items, spread(allTopics), aliases);
    ctx.log(`10,000 topics: compile ${round(tenK.compileMs, 1)} ms, match ${round(tenK.matchMs, 1)} ms, ${tenK.alerts} alerts`);
    const growth = new Map<number, number>([[1000, main.totalMs], [10_000, tenK.totalMs]]);
    for (const n of GROWTH_TOPICS) if (!growth.has(n)) growth.set(n, measure(items, spread(allTopics.slice(0, n)), aliases).totalMs);
    ctx.log(`growth (compile + match): ${GROWTH_TOPICS.map((n) => `${n} topics ${round(growth.get(n)!, 1)} ms`).join(', ')}`);

    return {
      items: items.length,
      topics: topics.length,
      distinct_topics: new Set(topics).size,
      channels: CHANNELS,
      alias_table_ms: round(aliasTable.ms, 1),
      compile_ms: round(main.compileMs, 1),
      match_total_ms: round(main.matchMs, 1),
      match_compile_and_match_ms: round(main.totalMs, 1),
      match_first_run_total_ms: round(main.firstTotalMs, 1),
      match_per_item_all_channels_ms: round(main.matchMs / items.length, 4),
      match_per_item_per_channel_us: round((main.matchMs * 1000) / (items.length * CHANNELS), 3),
      topic_matches: main.matches,
      channel_paper_alerts: main.alerts,
      heap_growth_mb: round(heapAfter - heapBefore, 1),
      heap_used_mb: round(heapAfter, 1),
      match_reference_total_ms: round(reference.matchMs, 1),
      match_reference_compile_ms: round(reference.compileMs, 1),
      match_10k_topics_total_ms: round(tenK.matchMs, 1),
      match_10k_topics_compile_ms: round(tenK.compileMs, 1),
      match_10k_topics_alerts: tenK.alerts,
      ...Object.fromEntries(GROWTH_TOPICS.map((n) => [`match_growth_${n}_topics_ms`, round(growth.get(n)!, 1)])),
    };
  },
};
