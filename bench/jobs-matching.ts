/**
 * Topic matching at scale: 2,000 feed items against 1,000 topics spread over 200 channels (5 each),
 * the work one poll's fan-out does. Items are the real feed fixtures (quant-ph RSS, cs.AI Atom, the
 * old cs RDF feed) repeated under fresh ids to reach 2,000; topics mix phrases from the seed library's
 * titles and nicknames (so alias expansion is exercised), authors from the feeds, categories, OR and
 * exclusions. Reported: compile time, match time (total and per item per channel), matches, heap growth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed, type FeedItem } from '../src/arxiv/feed-client.ts';
import { loadLibrary } from '../src/library/library.ts';
import { buildAliasTable, compileTopics, matchItem, type CompiledTopics } from '../src/topics/match.ts';
import { parseTopic } from '../src/topics/parse.ts';
import { round } from './stats.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = ['rss2-quant-ph-2025-04-28.xml', 'rss-atom-cs.AI-2025-08-20-excerpt.xml', 'rss1-rdf-cs-2018-08-30.xml'];
const ITEMS = 2000;
const CHANNELS = 200;
const TOPICS_PER_CHANNEL = 5;
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

function buildTopics(phrases: string[], authors: string[], random: () => number): string[] {
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
  while (topics.length < CHANNELS * TOPICS_PER_CHANNEL) {
    const topic = pick(makers)();
    if (parseTopic(topic).ok) topics.push(topic);
  }
  return topics;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
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
    const topics = buildTopics(phrases, authors, rng(42));
    ctx.log(`${items.length} items, ${topics.length} topics over ${CHANNELS} channels, ${library.size} library entries`);

    const heapBefore = heapMb();
    const t0 = performance.now();
    const aliases = buildAliasTable(library.entries);
    const compiled: CompiledTopics[] = [];
    for (let c = 0; c < CHANNELS; c++) compiled.push(compileTopics(topics.slice(c * TOPICS_PER_CHANNEL, (c + 1) * TOPICS_PER_CHANNEL), aliases));
    const t1 = performance.now();
    let matches = 0;
    let pairs = 0;
    for (const channel of compiled) {
      for (const item of items) {
        const found = matchItem(item, channel);
        if (found.length > 0) pairs += 1;
        matches += found.length;
      }
    }
    const t2 = performance.now();
    const heapAfter = heapMb();
    const matchMs = t2 - t1;
    ctx.log(`compile ${round(t1 - t0, 1)} ms, match ${round(matchMs, 1)} ms, ${pairs} (channel, paper) alerts`);
    return {
      items: items.length,
      topics: topics.length,
      channels: CHANNELS,
      compile_ms: round(t1 - t0, 1),
      match_total_ms: round(matchMs, 1),
      match_per_item_all_channels_ms: round(matchMs / items.length, 4),
      match_per_item_per_channel_us: round((matchMs * 1000) / (items.length * CHANNELS), 3),
      topic_matches: matches,
      channel_paper_alerts: pairs,
      heap_growth_mb: round(heapAfter - heapBefore, 1),
      heap_used_mb: round(heapAfter, 1),
    };
  },
};
