import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed, type FeedItem } from '../../../src/arxiv/feed-client.ts';
import type { PaperEntry } from '../../../src/library/types.ts';
import { buildAliasTable, compileTopics, EMPTY_ALIASES, matchItem, type MatchableItem } from '../../../src/topics/match.ts';

function item(overrides: Partial<MatchableItem>): MatchableItem {
  return { arxivId: '2501.00001', title: '', abstract: '', authors: [], categories: ['cs.LG'], announceType: 'new', ...overrides };
}

function matches(topic: string, it: MatchableItem, aliases = EMPTY_ALIASES) {
  const compiled = compileTopics([topic], aliases);
  expect(compiled.invalid).toEqual([]);
  return matchItem(it, compiled);
}

function hits(topic: string, it: MatchableItem, aliases = EMPTY_ALIASES): boolean {
  return matches(topic, it, aliases).length > 0;
}

function entry(overrides: Partial<PaperEntry>): PaperEntry {
  return {
    id: overrides.arxivId ?? 'x', kind: 'arxiv', title: '', authors: [], year: null, date: null, arxivId: null, doi: null,
    links: [], aka: [], affiliation: null, tags: [], summary: [], takeaway: null, bibtex: null, readingOrder: null,
    abstract: null, categories: [], primaryCategory: null, sources: [], provenance: { source: 'reading-list' }, ...overrides,
  };
}

describe('text terms', () => {
  it('ignore case', () => {
    expect(hits('Mixture of Experts', item({ title: 'A MIXTURE OF EXPERTS for speech' }))).toBe(true);
  });

  it('respect word boundaries: rope does not match Europe', () => {
    expect(hits('rope', item({ title: 'Language models in Europe' }))).toBe(false);
    expect(hits('rope', item({ title: 'Scaling RoPE to long contexts' }))).toBe(true);
    expect(hits('rope', item({ abstract: "Europe's first tokenizer" }))).toBe(false);
  });

  it('ignore plurals both ways: expert ~ experts, study ~ studies, approach ~ approaches', () => {
    expect(hits('expert', item({ title: 'Routing tokens to experts' }))).toBe(true);
    expect(hits('experts', item({ title: 'One expert is enough' }))).toBe(true);
    expect(hits('study', item({ abstract: 'Two case studies.' }))).toBe(true);
    expect(hits('approaches', item({ abstract: 'A new approach.' }))).toBe(true);
    expect(hits('expert', item({ title: 'Expertise in routing' }))).toBe(false);
  });

  it('ignore plurals of words ending in -ias: bias ~ biases, alias ~ aliases', () => {
    expect(hits('bias', item({ title: 'Measuring social biases in LLMs' }))).toBe(true);
    expect(hits('biases', item({ title: 'Gender bias in machine translation' }))).toBe(true);
    expect(hits('"gender bias"', item({ abstract: 'We study gender biases in ASR.' }))).toBe(true);
    expect(hits('alias', item({ abstract: 'Resolving aliases in code' }))).toBe(true);
    expect(hits('bias', item({ title: 'Biasing beam search' }))).toBe(false);
    expect(hits('idea', item({ title: 'Ideas worth testing' }))).toBe(true);
  });

  it('read a typographic-quoted topic as a phrase, not as loose words', () => {
    expect(hits('“mixture of experts”', item({ title: 'Scaling a mixture of experts' }))).toBe(true);
    expect(hits('“mixture of experts”', item({ title: 'Experts: a mixture of views' }))).toBe(false);
  });

  it('treat hyphens and spaces alike: sparse-experts ~ sparse experts', () => {
    expect(hits('sparse-experts', item({ title: 'Sparse experts at scale' }))).toBe(true);
    expect(hits('"sparse experts"', item({ title: 'Sparse-expert layers' }))).toBe(true);
    expect(hits('pre-training', item({ abstract: 'During pretraining we' }))).toBe(true);
    expect(hits('pretraining', item({ abstract: 'During pre-training we' }))).toBe(true);
    expect(hits('"pre training"', item({ abstract: 'During pretraining we' }))).toBe(true);
  });

  it('need the phrase words adjacent and in order', () => {
    expect(hits('"sparse experts"', item({ title: 'Experts that are sparse' }))).toBe(false);
    expect(hits('"mixture of experts"', item({ abstract: 'a mixture of dense and sparse experts' }))).toBe(false);
  });

  it('bare words must all appear, in any order and field', () => {
    expect(hits('sparse routing', item({ title: 'Routing', abstract: 'sparse layers' }))).toBe(true);
    expect(hits('sparse routing', item({ title: 'Routing', abstract: 'dense layers' }))).toBe(false);
  });

  it('OR needs any one alternative', () => {
    expect(hits('moe OR "sparse experts"', item({ title: 'MoE layers' }))).toBe(true);
    expect(hits('moe OR "sparse experts"', item({ abstract: 'with sparse experts' }))).toBe(true);
    expect(hits('moe OR "sparse experts"', item({ abstract: 'dense models' }))).toBe(false);
  });

  it('ti: looks only at the title, abs: only at the abstract', () => {
    const paper = item({ title: 'Long context with RoPE', abstract: 'We study kv cache compression.' });
    expect(hits('ti:rope', paper)).toBe(true);
    expect(hits('ti:"kv cache"', paper)).toBe(false);
    expect(hits('abs:"kv cache"', paper)).toBe(true);
    expect(hits('abs:rope', paper)).toBe(false);
  });

  it('-term excludes a paper that mentions it anywhere in title or abstract', () => {
    expect(hits('"language models" -survey', item({ title: 'Language models: a survey' }))).toBe(false);
    expect(hits('"language models" -survey', item({ title: 'Language models', abstract: 'We survey ...' }))).toBe(false);
    expect(hits('"language models" -survey', item({ title: 'Language models that reason' }))).toBe(true);
    expect(hits('"language models" -surveys', item({ title: 'Language models: a survey' }))).toBe(false);
  });
});

describe('author terms', () => {
  const dao = item({ authors: ['Albert Gu', 'Tri Dao'] });
  it('match the full name at word boundaries', () => {
    expect(hits('au:"Tri Dao"', dao)).toBe(true);
    expect(hits('au:"tri dao"', dao)).toBe(true);
    expect(hits('au:Dao', dao)).toBe(true);
    expect(hits('au:"Tri Dao"', item({ authors: ['Tri Daoson'] }))).toBe(false);
    expect(hits('au:Dao', item({ authors: ['Daoud Smith'] }))).toBe(false);
  });

  it('accept an initial for a given name, never for the family name', () => {
    expect(hits('au:"Tri Dao"', item({ authors: ['T. Dao'] }))).toBe(true);
    expect(hits('au:"Tri Dao"', item({ authors: ['Tri D.'] }))).toBe(false);
  });

  it('do not match names spread over two authors', () => {
    expect(hits('au:"Tri Dao"', item({ authors: ['Tri Nguyen', 'Dao Le'] }))).toBe(false);
  });

  it('do not look at the title or abstract', () => {
    expect(hits('au:Dao', item({ title: 'Dao and the art of attention' }))).toBe(false);
  });

  it('fold accents and LaTeX escapes', () => {
    expect(hits('au:"Jakob Günther"', item({ authors: ['Jakob G\\"unther'] }))).toBe(true);
    expect(hits('au:"Soren Stobbe"', item({ authors: ['S{\\o}ren Stobbe'] }))).toBe(true);
  });

  it('-au: excludes', () => {
    expect(hits('transformers -au:Dao', item({ title: 'Transformers', authors: ['Tri Dao'] }))).toBe(false);
  });
});

describe('category terms', () => {
  it('match primary and cross-listed categories', () => {
    expect(hits('cat:cs.CL', item({ categories: ['cs.CL', 'cs.AI'] }))).toBe(true);
    expect(hits('cat:cs.CL', item({ categories: ['cs.AI', 'cs.CL'] }))).toBe(true);
    expect(hits('cat:cs.CL', item({ categories: ['cs.CV', 'cs.AI'] }))).toBe(false);
  });

  it('an archive covers its subject classes, but not a lookalike archive', () => {
    expect(hits('cat:cs', item({ categories: ['cs.CL'] }))).toBe(true);
    expect(hits('cat:hep-th', item({ categories: ['hep-ph'] }))).toBe(false);
    expect(hits('cat:math', item({ categories: ['math-ph'] }))).toBe(false);
  });

  it('combine with text and exclusions', () => {
    const paper = item({ title: 'Transformers for vision', categories: ['cs.CV', 'cs.LG'] });
    expect(hits('cat:cs.LG transformers', paper)).toBe(true);
    expect(hits('cat:cs.LG transformers -cat:cs.CV', paper)).toBe(false);
  });
});

describe('library nicknames', () => {
  const library = [
    entry({ arxivId: '2305.18290', title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model', aka: ['DPO'] }),
    entry({ arxivId: '2106.09685', title: 'LoRA: Low-Rank Adaptation of Large Language Models', aka: ['LoRA'] }),
    entry({ arxivId: '2402.06196', title: 'Large Language Models: A Survey' }),
  ];
  const aliases = buildAliasTable(library);

  it('DPO matches "Direct Preference Optimization" and says so', () => {
    const paper = item({ abstract: 'We fine-tune with direct preference optimization on chat data.' });
    expect(matches('DPO', paper, aliases)).toEqual([
      { topic: 'DPO', terms: ['DPO (as "Direct Preference Optimization")'], fields: ['abstract'] },
    ]);
    expect(hits('DPO', paper)).toBe(false);
  });

  it('works the other way round and for Name: Subtitle titles', () => {
    expect(hits('"direct preference optimization"', item({ title: 'Beyond DPO' }), aliases)).toBe(true);
    expect(hits('lora', item({ abstract: 'low-rank adaptation of large language models' }), aliases)).toBe(true);
  });

  it('never turns a generic title half into an alias', () => {
    expect(hits('"large language models"', item({ abstract: 'We present a survey of graph methods.' }), aliases)).toBe(false);
  });

  it('does not expand exclusions', () => {
    expect(hits('alignment -DPO', item({ title: 'Alignment with direct preference optimization' }), aliases)).toBe(true);
  });
});

describe('matchItem', () => {
  it('reports every matching topic in order, with the fields that matched', () => {
    const paper = item({ title: 'Sparse experts for code', abstract: 'We route tokens with MoE.', authors: ['Tri Dao'], categories: ['cs.LG', 'cs.CL'] });
    const compiled = compileTopics(['moe OR "sparse experts"', 'au:"Tri Dao" cat:cs.CL', 'diffusion'], EMPTY_ALIASES);
    expect(matchItem(paper, compiled)).toEqual([
      { topic: 'moe OR "sparse experts"', terms: ['moe'], fields: ['abstract'] },
      { topic: 'au:"Tri Dao" cat:cs.CL', terms: ['au:"Tri Dao"', 'cat:cs.CL'], fields: ['authors', 'category'] },
    ]);
  });

  it('reports both fields when a phrase is in title and abstract', () => {
    expect(matches('experts', item({ title: 'Experts', abstract: 'many experts' }))[0]!.fields).toEqual(['title', 'abstract']);
  });

  it('skips replacements unless the topic asks for them with +replacements', () => {
    for (const announceType of ['replace', 'replace-cross'] as const) {
      const paper = item({ title: 'Sparse experts', announceType });
      expect(hits('experts', paper)).toBe(false);
      expect(hits('experts +replacements', paper)).toBe(true);
    }
    expect(hits('experts', item({ title: 'Sparse experts', announceType: 'cross' }))).toBe(true);
  });

  it('sets aside stored topics that no longer parse instead of failing the poll', () => {
    const compiled = compileTopics(['moe', 'foo:bar'], EMPTY_ALIASES);
    expect(compiled.topics).toHaveLength(1);
    expect(compiled.invalid).toEqual([{ topic: 'foo:bar', error: expect.stringMatching(/not a qualifier/) }]);
  });
});

describe('on the real feed fixtures', () => {
  const load = async (file: string): Promise<FeedItem[]> =>
    (await parseFeed(readFileSync(new URL(`../../fixtures/arxiv/${file}`, import.meta.url), 'utf8'))).items;

  const matchingIds = (items: FeedItem[], topic: string): string[] => {
    const compiled = compileTopics([topic], EMPTY_ALIASES);
    return items.filter((i) => matchItem(i, compiled).length > 0).map((i) => i.arxivId);
  };

  it('quant-ph RSS: phrases, authors with LaTeX accents, cross-listed categories, replacements', async () => {
    const items = await load('rss2-quant-ph-2025-04-28.xml');
    expect(matchingIds(items, '"quantum reservoir computing"')).toEqual(['2504.17837', '2504.18205']);
    expect(matchingIds(items, 'ti:"quantum reservoir computing"')).toEqual(['2504.17837']);
    expect(matchingIds(items, 'ti:"quantum reservoir"')).toEqual(['2504.17837', '2504.18205']);
    const vanMeter = ['2504.18121', '2504.18141', '2504.18298', '2504.18334', '2504.18156'];
    expect(matchingIds(items, 'au:"Rodney Van Meter"')).toEqual(vanMeter);
    expect(matchingIds(items, 'au:"R. Van Meter"')).toEqual(vanMeter);
    expect(matchingIds(items, 'au:Meter')).toEqual(vanMeter);
    // The feed writes `Hajdu\v{s}ek`; people type Hajdušek or Hajdusek.
    expect(matchingIds(items, 'au:Hajdušek')).toEqual(vanMeter);
    expect(matchingIds(items, 'au:"Michal Hajdusek" -au:"Van Meter"')).toEqual([]);
    // cs.LG appears only as a cross-list; the replace-cross 2401.00867 needs +replacements.
    expect(matchingIds(items, 'cat:cs.LG')).toEqual(['2504.18103']);
    expect(matchingIds(items, 'cat:cs.LG +replacements')).toEqual(['2504.18103', '2401.00867']);
    expect(matchingIds(items, 'cat:cs.CR')).toEqual(['2504.18188']);
  });

  it('cs.AI Atom: title and abstract hits, exclusions', async () => {
    const items = await load('rss-atom-cs.AI-2025-08-20-excerpt.xml');
    expect(matchingIds(items, 'transformer')).toEqual(['2508.13434', '2508.13435', '2508.14001']);
    expect(matchingIds(items, 'transformer -diffusion')).toEqual(['2508.13435', '2508.14001']);
    expect(matchingIds(items, 'cat:cs.CL')).toEqual(['2508.13426']);
    expect(matchingIds(items, '"reinforcement learning"')).toEqual(['2508.13429', '2508.14002']);
    const compiled = compileTopics(['"reinforcement learning"'], EMPTY_ALIASES);
    expect(matchItem(items.find((i) => i.arxivId === '2508.14002')!, compiled)[0]!.fields).toEqual(['title']);
    expect(matchItem(items.find((i) => i.arxivId === '2508.13429')!, compiled)[0]!.fields).toEqual(['abstract']);
  });
});
