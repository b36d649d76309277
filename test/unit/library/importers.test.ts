import { describe, expect, it } from 'vitest';
import { importBibtexNotes } from '../../../src/library/importers/bibtex-notes.ts';
import { importChicago } from '../../../src/library/importers/chicago.ts';
import { importMarkdownTable } from '../../../src/library/importers/markdown-table.ts';
import { importNumberedList } from '../../../src/library/importers/numbered-list.ts';
import { importOutline } from '../../../src/library/importers/outline.ts';
import type { RawRecord } from '../../../src/library/raw.ts';
import { CHICAGO, NOTES, NUMBERED, OUTLINE, TABLE, seedText } from './seeds.ts';

const at = (records: RawRecord[], line: number): RawRecord => {
  const found = records.find((r) => r.source.line === line);
  if (!found) throw new Error(`no record at line ${line}`);
  return found;
};

describe('chicago importer (000)', () => {
  const result = importChicago(CHICAGO, seedText(CHICAGO));

  it('reads 29 citations and 4 web entries', () => {
    expect(result.records).toHaveLength(33);
    expect(result.records.filter((r) => r.authors.length > 0)).toHaveLength(29);
  });

  it('reads ST-MoE field by field', () => {
    const r = at(result.records, 5);
    expect(r.title).toBe('ST-MoE: Designing Stable and Transferable Sparse Expert Models');
    expect(r.authors).toEqual([
      { given: 'Barret', family: 'Zoph' },
      { given: 'Irwan', family: 'Bello' },
      { given: 'Sameer', family: 'Kumar' },
      { given: 'Nan', family: 'Du' },
      { given: 'Yanping', family: 'Huang' },
      { given: 'Jeff', family: 'Dean' },
      { given: 'Noam', family: 'Shazeer' },
      { given: 'William', family: 'Fedus' },
    ]);
    expect(r.authorsTruncated).toBe(false);
    expect(r.date).toBe('2022-04-29');
    expect(r.arxivId).toBe('2202.08906');
    expect(r.doi).toBeNull();
    expect(r.links).toEqual([{ url: 'https://doi.org/10.48550/arXiv.2202.08906', kind: 'doi' }]);
    expect(r.tags).toEqual(['Training', 'Mixture of Experts / Ensemble']);
    expect(r.source).toEqual({ file: CHICAGO, line: 5 });
  });

  it('drops "et al." and notes it; keeps particles and accents in names', () => {
    const glam = at(result.records, 6);
    expect(glam.authorsTruncated).toBe(true);
    expect(glam.authors.at(-1)).toEqual({ given: 'Maxim', family: 'Krikun' });
    const textbooks = at(result.records, 20);
    expect(textbooks.authors).toContainEqual({ given: 'Allie', family: 'Del Giorno' });
    expect(textbooks.authors).toContainEqual({ given: 'Caio César Teodoro', family: 'Mendes' });
    expect(at(result.records, 44).authors[1]).toEqual({ given: 'Dániel', family: 'Simig' });
    expect(at(result.records, 65).authors[0]).toEqual({ given: 'Lakshya A.', family: 'Agrawal' });
    expect(at(result.records, 58).authors).toEqual([{ given: 'Jieyi', family: 'Long' }]);
  });

  it('reads the Reddit post by emozilla as a literal author with a discussion link', () => {
    const r = at(result.records, 53);
    expect(r.authors).toEqual([{ literal: 'emozilla' }]);
    expect(r.arxivId).toBeNull();
    expect(r.date).toBe('2023-06-30');
    expect(r.links).toEqual([{ url: 'https://www.reddit.com/r/LocalLLaMA/comments/14mrgpr/dynamically_scaled_rope_further_increases/', kind: 'discussion' }]);
  });

  it('reads non-paper lines and #### sections as web entries', () => {
    const autolabel = at(result.records, 12);
    expect(autolabel.title).toBe('autolabel');
    expect(autolabel.date).toBe('2023-03');
    expect(autolabel.links).toEqual([{ url: 'https://github.com/refuel-ai/autolabel', kind: 'code' }]);
    expect(autolabel.summary[0]).toMatch(/^Autolabel is a Python library/);
    const jsonformer = at(result.records, 70);
    expect(jsonformer.title).toBe('Jsonformer');
    expect(jsonformer.date).toBe('2023-04-30');
    expect(jsonformer.summary[0]).toMatch(/^Jsonformer is a wrapper/);
    expect(jsonformer.tags).toEqual(['Inference', 'Controlling Output']);
    const cfg = at(result.records, 76);
    expect(cfg.links.map((l) => l.kind)).toEqual(['web', 'code', 'web']);
    const logit = at(result.records, 84);
    expect(logit.date).toBeNull();
    expect(logit.links.map((l) => l.kind)).toEqual(['discussion', 'web', 'web']);
  });
});

describe('bibtex-notes importer (001)', () => {
  const result = importBibtexNotes(NOTES, seedText(NOTES));

  it('reads 20 entries', () => {
    expect(result.records).toHaveLength(20);
  });

  it('reads CoT with its eprint, bullets and the BibTeX without the stray X', () => {
    const r = at(result.records, 3);
    expect(r.title).toBe('Chain-of-Thought Prompting Elicits Reasoning in Large Language Models');
    expect(r.authors).toHaveLength(9);
    expect(r.authors[0]).toEqual({ given: 'Jason', family: 'Wei' });
    expect(r.arxivId).toBe('2201.11903');
    expect(r.date).toBe('2023');
    expect(r.primaryCategory).toBe('cs.CL');
    expect(r.summary).toHaveLength(6);
    expect(r.summary[0]).toMatch(/^The paper proposes a method called "chain-of-thought"/);
    expect(r.links).toEqual([{ url: 'papers/wei2023chainofthought/2201.11903.pdf', kind: 'local', label: 'Link to PDF' }]);
    expect(r.bibtex).toBe(seedText(NOTES).split('\n').slice(17, 25).join('\n').replace(/\}X$/, '}'));
    expect(r.bibtex!.endsWith('}')).toBe(true);
    expect(r.bibtex).toContain('title={Chain-of-Thought Prompting Elicits Reasoning in Large Language Models}, \n');
    expect(result.repairs).toEqual([{ source: { file: NOTES, line: 25 }, kind: 'bibtex-trailing', before: '}X', after: '}' }]);
  });

  it("reads Yi's authors without junk: the organisation is a literal, ':' is dropped", () => {
    const yi = at(result.records, 29);
    expect(yi.authors[0]).toEqual({ literal: '01.AI' });
    expect(yi.authors[1]).toEqual({ given: 'Alex', family: 'Young' });
    expect(yi.authors).toHaveLength(31);
    expect(yi.authors.every((a) => ('literal' in a ? /\w/.test(a.literal) : /\w/.test(a.family) && /\w/.test(a.given)))).toBe(true);
  });

  it('keeps accents and family-name particles', () => {
    expect(at(result.records, 274).authors[1]).toEqual({ given: 'Benjamin', family: 'Thérien' });
    expect(at(result.records, 349).authors).toContainEqual({ given: 'Nando', family: 'de Freitas' });
    expect(at(result.records, 349).authors).toContainEqual({ given: 'Tom', family: 'Le Paine' });
    expect(at(result.records, 450).authors).toContainEqual({ given: 'Baptiste', family: 'Rozière' });
  });

  it('takes code links from <…> autolinks in the bullets', () => {
    expect(at(result.records, 54).links).toContainEqual({ url: 'https://github.com/ContextualAI/gritlm', kind: 'code' });
  });
});

describe('markdown-table importer (002)', () => {
  const result = importMarkdownTable(TABLE, seedText(TABLE));

  it('reads 98 rows', () => {
    expect(result.records).toHaveLength(98);
  });

  it('reads LLaMA with aka, affiliation, month date and tags from the heading and #tags', () => {
    const r = at(result.records, 9);
    expect(r.title).toBe('LLaMA: Open and Efficient Foundation Language Models');
    expect(r.aka).toEqual(['LLaMA']);
    expect(r.affiliation).toBe('Meta');
    expect(r.date).toBe('2023-02');
    expect(r.arxivId).toBe('2302.13971');
    expect(r.tags).toEqual(['Foundation Models & Finetuned Family', 'Model', 'Foundation']);
  });

  it.each([
    [16, '2023-10'],
    [30, '2019-06'],
    [34, '2021-10'],
  ])('parses the date on line %i as %s', (line, date) => {
    expect(at(result.records, line).date).toBe(date);
  });

  it('repairs ΨPO, ALiBi, 藤井 and DRµGS, and resolves a scheme-less link', () => {
    const psi = at(result.records, 76);
    expect(psi.aka).toEqual(['ΨPO']);
    expect(psi.tags).toContain('ΨPO');
    expect(psi.arxivId).toBe('2310.12036');
    expect(psi.links).toEqual([{ url: 'https://arxiv.org/abs/2310.12036', kind: 'abs' }]);
    expect(at(result.records, 60).aka).toEqual(['ALiBi']);
    expect(at(result.records, 99).affiliation).toBe('藤井');
    expect(at(result.records, 152).aka).toEqual(['DRµGS']);
  });

  it('joins <br> titles, splits tags on <br> and </br>, and skips "-" placeholders', () => {
    expect(at(result.records, 60).title).toBe('TRAIN SHORT, TEST LONG: ATTENTION WITH LINEAR BIASES ENABLES INPUT LENGTH EXTRAPOLATION');
    expect(at(result.records, 111).title).toBe('RWKV: Reinventing RNNs for the Transformer Era');
    expect(at(result.records, 18).tags).toEqual(['Foundation Models & Finetuned Family', 'Finetuning', 'dDPO', 'distilled']);
    expect(at(result.records, 116).tags).toEqual(['Cool New LLM Architecture & Sub-Module', 'FFNN', 'Speeding']);
    const chinchilla = at(result.records, 12);
    expect(chinchilla.affiliation).toBeNull();
    expect(at(result.records, 77).aka).toEqual([]);
  });

  it('marks \\* rows as not papers and unescapes affiliations', () => {
    const alpaca = at(result.records, 10);
    expect(alpaca.title).toBe('Alpaca: A Strong, Replicable Instruction-Following Model');
    expect(alpaca.notAPaper).toBe(true);
    expect(at(result.records, 9).notAPaper).toBe(false);
    expect(at(result.records, 34).affiliation).toBe('NC univ. @chapel hill');
  });
});

describe('numbered-list importer (003)', () => {
  const result = importNumberedList(NUMBERED, seedText(NUMBERED));

  it('reads 46 items in reading order', () => {
    expect(result.records).toHaveLength(46);
    expect(result.records.map((r) => r.readingOrder)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
  });

  it('keeps nickname prefixes as candidates for the merge step', () => {
    expect(at(result.records, 70).nickname).toEqual({ prefix: 'DPO', rest: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model', separator: ';' });
    expect(at(result.records, 16).nickname).toEqual({ prefix: 'GPT3', rest: 'Language Models are Few-Shot Learners', separator: ':' });
    expect(at(result.records, 96).nickname).toBeNull();
  });

  it('unescapes the takeaway and moves extra links out of it', () => {
    expect(at(result.records, 6).takeaway).toBe('Query, Key, and Value are all you need* (*Also position embeddings, multiple heads, feed-forward layers, skip-connections, etc.)');
    const selfInstruct = at(result.records, 90);
    expect(selfInstruct.takeaway).toBeNull();
    expect(selfInstruct.links.map((l) => [l.kind, l.label])).toEqual([
      ['abs', undefined],
      ['discussion', 'GitHub Repo'],
      ['discussion', 'LS Discord chat'],
    ]);
    const selfRewarding = at(result.records, 94);
    expect(selfRewarding.takeaway).toMatch(/^Instead of training reward models/);
    expect(selfRewarding.links[1]).toEqual({ url: 'https://github.com/lucidrains/self-rewarding-lm-pytorch', kind: 'code', label: 'GitHub Repo' });
    expect(at(result.records, 92).links[1]).toMatchObject({ kind: 'slides', label: 'Presentation' });
  });

  it('keeps an entry whose line was cut off mid-URL, drops the broken link and records the repair', () => {
    const text = seedText(NUMBERED);
    const cut = text.slice(0, text.indexOf('docs.google.com/presentation/d/17mb') + 20);
    const truncated = importNumberedList(NUMBERED, cut);
    expect(truncated.records).toHaveLength(46);
    const last = at(truncated.records, 96);
    expect(last.readingOrder).toBe(46);
    expect(last.title).toBe('Leveraging Large Language Models for NLG Evaluation: A Survey');
    expect(last.arxivId).toBe('2402.00838');
    expect(last.links).toEqual([{ url: 'https://arxiv.org/pdf/2402.00838.pdf', kind: 'pdf' }]);
    const repair = truncated.repairs.find((r) => r.kind === 'truncated');
    expect(repair?.source).toEqual({ file: NUMBERED, line: 96 });
    expect(repair?.before).toContain('[Slides](https://docs.google.com/pres');
    expect(repair?.after).not.toContain('Slides');
    expect(result.repairs.some((r) => r.kind === 'truncated')).toBe(false);
  });
});

describe('outline importer (004)', () => {
  const result = importOutline(OUTLINE, seedText(OUTLINE));

  it('reads every linked item (the outline repeats itself) and keeps bare names as mentions', () => {
    expect(result.records).toHaveLength(109);
    const names = result.mentions.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['QLoRA', 'SFT', 'Triton', 'CUDA', 'Tokenizer', 'JARVIS-1', 'Flash Attention', 'T5 (?)']));
    expect(names).toContain('Multi-head attention');
  });

  it('gives the nesting path as tags and notes as summary', () => {
    const reft = at(result.records, 6);
    expect(reft).toMatchObject({ title: 'ReFT', titleIsLabel: true, arxivId: '2404.03592', tags: ['Fine-tuning', 'methods'] });
    expect(at(result.records, 7).summary).toEqual(['RLHF']);
    expect(at(result.records, 39).summary).toEqual(['Multi-token prediction']);
    expect(at(result.records, 129).tags).toEqual(['Transformer (decoder-only)', 'Traditional Positional embedding method (the impact of RoPE)', 'RoPE']);
    expect(at(result.records, 98).tags).toEqual(['Other non-Transformer arch', 'RWKV']);
  });

  it('reads "overview paper https://…" and HF/html links', () => {
    const overview = at(result.records, 51);
    expect(overview.arxivId).toBe('2404.07503');
    expect(overview.summary).toEqual(['overview paper']);
    expect(at(result.records, 65).arxivId).toBe('2404.02575');
    expect(at(result.records, 46).arxivId).toBe('2403.17887');
  });

  it('a block pasted twice keeps the context of its first copy', () => {
    expect(at(result.records, 136).tags).toEqual(at(result.records, 6).tags);
    expect(at(result.records, 228).tags).toEqual(at(result.records, 98).tags);
    const qlora = result.mentions.filter((m) => m.name === 'QLoRA');
    expect(qlora.map((m) => m.path)).toEqual([
      ['Fine-tuning', 'methods'],
      ['Fine-tuning', 'methods'],
    ]);
  });
});

describe('numbered-list continuation lines', () => {
  it('joins indented lines under an item to its takeaway and keeps their links', () => {
    const text = '1. **[Paper](https://arxiv.org/abs/2101.00001):** First part\n   second \\*part\\* ([Slides](https://docs.google.com/presentation/d/x))\n\n2. **[Other](https://arxiv.org/abs/2101.00002):** Alone\n';
    const { records } = importNumberedList('n.txt', text);
    expect(records.map((r) => r.takeaway)).toEqual(['First part second *part*', 'Alone']);
    expect(records[0]!.links.map((l) => l.kind)).toEqual(['abs', 'slides']);
  });
});
