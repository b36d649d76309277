import { describe, expect, it } from 'vitest';
import { mergeRecords } from '../../../src/library/merge.ts';
import { decideNickname, collectEvidence } from '../../../src/library/nicknames.ts';
import { emptyRecord } from '../../../src/library/raw.ts';
import type { RawRecord } from '../../../src/library/raw.ts';
import { makeLink } from '../../../src/library/links.ts';
import { splitPrefix, titleSimilarity, SAME_WORK_THRESHOLD } from '../../../src/library/titles.ts';

let line = 0;
function record(fields: Partial<RawRecord> & { title: string }, file = 'a.txt'): RawRecord {
  line += 1;
  const r = emptyRecord({ file, line }, 'markdown-table');
  return { ...r, ...fields };
}
const arxiv = (id: string) => ({ arxivId: id, links: [makeLink(`https://arxiv.org/abs/${id}`)] });

describe('title similarity', () => {
  it('is high for two listings of one paper and low for different papers', () => {
    expect(titleSimilarity('EXTENDING CONTEXT WINDOW OF LARGE LANGUAGE MODELS VIA POSITION INTERPOLATION', 'Extending Context Window of Large Language Models via Positional Interpolation')).toBeGreaterThanOrEqual(0.8);
    expect(titleSimilarity('Chinchilla: Training Compute-Optimal Large Language Models', 'Training Compute-Optimal Large Language Models')).toBe(1);
    expect(titleSimilarity('LoRA: Low-Rank Adaptation of Large Language Models', 'Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning')).toBeLessThan(SAME_WORK_THRESHOLD);
  });
  it('splits short nickname prefixes only', () => {
    expect(splitPrefix('Leveraging Large Language Models for NLG Evaluation: A Survey')).toBeNull();
    expect(splitPrefix('Llama 2: Open Foundation and Fine-Tuned Chat Models')?.prefix).toBe('Llama 2');
  });
});

describe('nickname rule', () => {
  const numbered = (title: string, id: string | null): RawRecord => {
    const r = record({ title, arxivId: id });
    r.format = 'numbered-list';
    r.nickname = splitPrefix(title);
    return r;
  };
  it('splits when another list gives the remainder as the title, keeps when it gives the whole', () => {
    const chinchilla = numbered('Chinchilla: Training Compute-Optimal Large Language Models', '2203.15556');
    const lora = numbered('LoRA: Low-Rank Adaptation of Large Language Models', '2106.09685');
    const evidence = collectEvidence(
      [chinchilla, lora, record({ title: 'Training Compute-Optimal Large Language Models', arxivId: '2203.15556' }), record({ title: 'LoRA: Low-Rank Adaptation of Large Language Models' })],
      new Map(),
    );
    expect(decideNickname(chinchilla, evidence)).toBe('split');
    expect(decideNickname(lora, evidence)).toBe('keep');
  });
  it('uses the cache title as evidence, and splits versioned names without evidence', () => {
    const hyde = numbered('HyDE: Precise Zero-Shot Dense Retrieval without Relevance Labels', '2212.10496');
    const gpt3 = numbered('GPT3: Language Models are Few-Shot Learners', '2005.14165');
    const none = collectEvidence([hyde, gpt3], new Map());
    expect(decideNickname(hyde, none)).toBe('keep');
    expect(decideNickname(gpt3, none)).toBe('split');
    const cached = collectEvidence([hyde], new Map([['2212.10496', 'Precise Zero-Shot Dense Retrieval without Relevance Labels']]));
    expect(decideNickname(hyde, cached)).toBe('split');
  });
  it('always splits at a semicolon', () => {
    expect(decideNickname(numbered('ViT; An Image is Worth 16x16 Words', '2010.11929'), collectEvidence([], new Map()))).toBe('split');
  });
});

const LISTS = new Map([['a.txt', 'List A'], ['b.txt', 'List B'], ['c.txt', 'List C']]);

describe('mergeRecords', () => {
  it('merges on arXiv id, DOI and normalised title, and records the key', () => {
    const { entries, events } = mergeRecords(
      [
        record({ title: 'Paper One', ...arxiv('2101.00001') }),
        record({ title: 'Paper one.', ...arxiv('2101.00001'), tags: ['x'] }, 'b.txt'),
        record({ title: 'A Journal Paper', doi: '10.1000/xyz' }),
        record({ title: 'A journal paper, extended', doi: '10.1000/XYZ' }, 'b.txt'),
        record({ title: 'A Blog Post', links: [makeLink('https://blog.example/post')] }),
        record({ title: 'a blog post', links: [makeLink('https://blog.example/post/')] }, 'b.txt'),
      ],
      new Map(),
      LISTS,
    );
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.kind)).toEqual(['arxiv', 'article', 'web']);
    expect(entries[1]!.title).toBe('A journal paper, extended');
    expect(entries[2]!.links).toHaveLength(1);
    expect(events.map((e) => e.key)).toEqual(['arxiv', 'doi', 'title']);
  });

  it('never merges two different arXiv ids, even with equal titles', () => {
    const { entries } = mergeRecords([record({ title: 'Same Title', ...arxiv('2101.00001') }), record({ title: 'Same Title', ...arxiv('2101.00002') }), record({ title: 'Same Title' })], new Map(), LISTS);
    expect(entries.map((e) => e.arxivId)).toEqual(['2101.00001', '2101.00002']);
    expect(entries[0]!.sources).toHaveLength(2);
  });

  it('keeps the richest value of each field', () => {
    const { entries } = mergeRecords(
      [
        record({ title: 'ALL CAPS TITLE OF A PAPER', ...arxiv('2101.00001'), date: '2021', authors: [{ given: 'A', family: 'B' }], authorsTruncated: true }),
        record({ title: 'All Caps Title of a Paper', ...arxiv('2101.00001'), date: '2021-01-05', authors: [{ given: 'A', family: 'B' }, { given: 'C', family: 'D' }], readingOrder: 7 }, 'b.txt'),
        record({ title: 'All caps title of a paper', ...arxiv('2101.00001'), date: '2021-01', readingOrder: 3, affiliation: 'Lab' }, 'c.txt'),
      ],
      new Map(),
      LISTS,
    );
    expect(entries[0]).toMatchObject({ title: 'All Caps Title of a Paper', date: '2021-01-05', year: 2021, readingOrder: 3, affiliation: 'Lab', doi: '10.48550/arXiv.2101.00001' });
    expect(entries[0]!.authors).toHaveLength(2);
    expect(entries[0]!.authorsTruncated).toBeUndefined();
  });

  it('gives the id to the listing whose title matches the cache when titles conflict', () => {
    const a = record({ title: 'The Right Paper About Cats', ...arxiv('2101.00001') });
    const b = record({ title: 'Something Else Entirely On Dogs', ...arxiv('2101.00001') });
    const { entries, conflicts } = mergeRecords([a, b], new Map([['2101.00001', 'Something Else Entirely on Dogs']]), LISTS);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.resolution).toMatch(/matches arXiv's title/);
    expect(entries.find((e) => e.arxivId === '2101.00001')!.title).toBe('Something Else Entirely On Dogs');
    expect(entries.find((e) => e.title === 'The Right Paper About Cats')).toMatchObject({ arxivId: null, links: [] });
  });

  it('lets an outline label with no id join the one work that has it as aka', () => {
    const table = record({ title: 'Some Long Paper Title', aka: ['SLPT'], ...arxiv('2101.00001') });
    const label = record({ title: 'SLPT', titleIsLabel: true, links: [makeLink('https://slpt.example')] }, 'b.txt');
    const { entries, events } = mergeRecords([table, label], new Map(), LISTS);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.links.map((l) => l.url)).toContain('https://slpt.example');
    expect(events).toEqual([expect.objectContaining({ key: 'aka' })]);
  });
});
