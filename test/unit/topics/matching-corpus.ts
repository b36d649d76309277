/**
 * A generated, seeded corpus for comparing topic matchers: feed items and channels' topic lists built
 * from one pool of words chosen to sit on the matching rules' edges (plurals, hyphens and glued
 * spellings, word boundaries such as rope/Europe, accents in Unicode and LaTeX, apostrophes, Greek,
 * CJK, digits), authors written with and without initials and accents, categories and their archives,
 * and the library's nicknames. Topics reuse runs of words taken from the items, so phrases really
 * match; channels share topics (and a few repeat one), so the same topic is matched for many channels.
 */
import type { PaperEntry } from '../../../src/library/types.ts';
import type { MatchableItem } from '../../../src/topics/match.ts';
import { parseTopic } from '../../../src/topics/parse.ts';
import { makeEntry } from '../../helpers/entries.ts';

import { prng as seeded } from '../../../bench/synthetic.ts';

/** A seeded generator (the benchmarks' mulberry32), so a failing seed can be replayed. */
export { seeded };

const WORDS = [
  'model', 'models', 'Model', 'language', 'languages', 'study', 'studies', 'approach', 'approaches', 'bias', 'biases',
  'cache', 'caches', 'KV', 'kv', 'rope', 'RoPE', 'Europe', "Europe's", 'expert', 'experts', 'expertise', 'sparse',
  'mixture', 'of', 'the', 'a', 'for', 'in', 'attention', 'transformer', 'Transformers', 'diffusion', 'quantum',
  'reservoir', 'computing', 'learning', 'reinforcement', 'pre-training', 'pretraining', 'pre', 'training',
  'fine-tuning', 'finetuning', 'GPT-3.5', 'gpt', '3.5', 'Llama-2', 'Mamba', 'Gödel', 'Godel', 'G\\"odel', 'naïve',
  'naive', 'café', 'Thérien', 'résumé', 'straße', 'Søren', 'ΨPO', 'ψpo', 'alias', 'aliases', 'analysis', 'analyses',
  'process', 'processes', 'corpus', 'box', 'boxes', 'input/output', 'C++', "don't", 'dont', 'survey', 'surveys',
  'X-ray', 'xray', 'long-context', 'context', 'long', 'decoding', 'speculative', 'DPO', 'direct', 'preference',
  'optimization', 'graph', 'graphs', 'neural', 'network', 'networks', 'η-learning', '2D', '3d', 'cross-entropy',
  'entropy', 'low-rank', 'LoRA', 'LoRAs', 'Q-learning', 'mixture-of-experts', 'MoE', 'Hajdu\\v{s}ek', 'ﬁne',
  'tuning', 'data😀', '数据', 'k-means', 'kmeans', 'e.g.', 'U.S.', 'self-attention', 'selfattention', 'hyper–parameter',
  'hyperparameter', 'co‐training', 'studying', 'embeddings', 'embedding', 'position', 'rotary', 'secretly', 'reward',
];

/** What sits between two words: spaces, punctuation, dashes, quotes; a few glue the words into one chunk. */
const SEPARATORS = [' ', ' ', ' ', ' ', ' ', ', ', '. ', ' - ', ' — ', '-', '-', '/', '_', ' (', ') ', ' “', '” ', ': ', '\n', ' + ', "'", '.'];

const AUTHORS = [
  'Tri Dao', 'T. Dao', 'Tri Daoson', 'Daniel Y. Fu', 'D. Y. Fu', 'Rodney Van Meter', 'R. Van Meter', 'Michal Hajdu\\v{s}ek',
  'Michal Hajdušek', 'Benjamin Thérien', 'B. Therien', 'Søren Kierkegaard', 'Ana María López-García', 'A. M. Lopez Garcia',
  'Jean-Luc Picard', 'J.-L. Picard', "Conan O'Brien", 'Kurt Gödel', 'Zhang Wei', 'Wei Zhang', 'W. Zhang', 'Yoshua Bengio',
  'Y. Bengio', 'Meter', 'Ψ Team',
];

const AUTHOR_TERMS = [
  'Dao', '"Tri Dao"', '"T. Dao"', 'Daoson', '"D. Fu"', '"Daniel Fu"', 'Fu', '"Van Meter"', '"R. Van Meter"', 'Meter', 'Hajdušek',
  'Hajdusek', '"Michal Hajdusek"', 'Therien', '"Benjamin Thérien"', 'Kierkegaard', 'Lopez-Garcia', '"Ana Lopez Garcia"',
  'Picard', '"J. Picard"', '"Jean-Luc Picard"', "O'Brien", 'Godel', 'Zhang', '"Wei Zhang"', '"W. Zhang"', 'Bengio', 'Ψ',
];

const ITEM_CATEGORIES = ['cs.CL', 'cs.LG', 'cs.AI', 'cs.CV', 'quant-ph', 'stat.ML', 'math.QA', 'physics.acc-ph', 'hep-th', 'eess.AS', 'cs'];
const TOPIC_CATEGORIES = ['cs', 'cs.CL', 'cs.LG', 'cs.CV', 'quant-ph', 'physics', 'physics.acc-ph', 'math', 'stat.ML', 'hep-th', 'eess'];
const ANNOUNCE_TYPES = ['new', 'new', 'new', 'cross', 'replace', 'replace-cross', 'other', undefined] as const;

/** Library entries whose names overlap the word pool, so topics expand to nicknames (`DPO`, `MoE`, `LoRA`). */
export const CORPUS_LIBRARY: PaperEntry[] = [
  makeEntry({ id: 'dpo', title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model', aka: ['DPO'] }),
  makeEntry({ id: 'moe', title: 'Sparse Mixture of Experts', aka: ['MoE', 'mixture-of-experts', 'sparse experts'] }),
  makeEntry({ id: 'lora', title: 'LoRA: Low-Rank Adaptation of Large Language Models', aka: ['LoRA', 'low rank adapters'] }),
  makeEntry({ id: 'rope', title: 'RoFormer: Enhanced Transformer with Rotary Position Embedding', aka: ['RoPE', 'rotary embeddings'] }),
  makeEntry({ id: 'qrc', title: 'Quantum Reservoir Computing: A Survey', aka: ['QRC'] }),
  makeEntry({ id: 'kv', title: 'KV Cache Compression: Long-Context Decoding', aka: ['kv caches'] }),
  makeEntry({ id: 'gpt', title: 'GPT-3.5: Language Models are Few-Shot Learners', aka: ['GPT 3.5'] }),
  makeEntry({ id: 'psi', title: 'ΨPO: Preference Optimisation in Greek', aka: ['psi po'] }),
];

export interface MatchingCorpus {
  items: MatchableItem[];
  /** One topic list per channel. */
  channels: string[][];
}

export function generateCorpus(seed: number, sizes = { items: 600, channels: 60, topics: 400 }): MatchingCorpus {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const shout = (word: string): string => (random() < 0.1 ? word.toUpperCase() : random() < 0.2 ? word[0]!.toUpperCase() + word.slice(1) : word);
  const text = (min: number, max: number): string[] => Array.from({ length: between(min, max) }, () => shout(pick(WORDS)));
  const write = (words: string[]): string => words.map((w, i) => (i === 0 ? w : pick(SEPARATORS) + w)).join('');

  const itemWords: string[][] = [];
  const items = Array.from({ length: sizes.items }, (_, i): MatchableItem => {
    const title = text(2, 10);
    const abstract = text(10, 60);
    itemWords.push([...title, ...abstract]);
    const item: MatchableItem = {
      arxivId: `2601.${String(10000 + i)}`,
      title: write(title),
      abstract: write(abstract),
      authors: Array.from({ length: between(0, 4) }, () => pick(AUTHORS)),
      categories: [...new Set(Array.from({ length: between(1, 3) }, () => pick(ITEM_CATEGORIES)))],
    };
    const announceType = pick(ANNOUNCE_TYPES);
    if (announceType !== undefined) item.announceType = announceType;
    return item;
  });

  /** Words that really stand together in some item, spelled as the topic's author chooses. */
  const phrase = (): string => {
    const words = pick(itemWords);
    const length = between(1, 3);
    const start = between(0, Math.max(0, words.length - length));
    const run = random() < 0.8 ? words.slice(start, start + length) : text(1, 3);
    return run.map((w) => (random() < 0.3 ? w.toLowerCase() : w)).join(random() < 0.2 ? '-' : ' ');
  };
  const quoted = (p: string): string => {
    if (!/\s/.test(p) && random() < 0.7) return p;
    const quote = pick(['"', '"', '“', "'"]);
    return quote === '“' ? `“${p}”` : `${quote}${p}${quote}`;
  };
  const term = (): string => {
    const r = random();
    if (r < 0.55) return quoted(phrase());
    if (r < 0.65) return `ti:${quoted(phrase())}`;
    if (r < 0.72) return `abs:${quoted(phrase())}`;
    if (r < 0.87) return `au:${pick(AUTHOR_TERMS)}`;
    return `cat:${pick(TOPIC_CATEGORIES)}`;
  };
  const topic = (): string => {
    const clauses = Array.from({ length: between(1, 3) }, () => Array.from({ length: random() < 0.3 ? between(2, 3) : 1 }, term).join(' OR '));
    const parts = [clauses.join(random() < 0.2 ? ' AND ' : ' ')];
    if (random() < 0.3) parts.push(...Array.from({ length: between(1, 2) }, () => `-${term()}`));
    if (random() < 0.15) parts.push('+replacements');
    return parts.join(' ');
  };

  const pool: string[] = [];
  while (pool.length < sizes.topics) {
    const candidate = topic();
    if (parseTopic(candidate).ok) pool.push(candidate);
  }
  const channels = Array.from({ length: sizes.channels }, () => {
    const list = Array.from({ length: between(1, 15) }, () => pick(pool));
    // Stored topics from an older version that no longer parse are skipped, per channel, by both.
    if (random() < 0.05) list.push('foo:bar');
    return list;
  });
  return { items, channels };
}
