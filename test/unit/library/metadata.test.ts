/**
 * The shipped arXiv metadata (seeds/arxiv-metadata.json) applied to the real seed lists: which value
 * wins, seed mistakes repaired with evidence, dates checked against ids, provenance.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contradictsArxivId } from '../../../src/library/dates.ts';
import { buildLibrary } from '../../../src/library/library.ts';
import { listHeading, nameLists } from '../../../src/library/list-names.ts';
import type { CompiledMetadata, EnrichmentCache } from '../../../src/library/metadata-files.ts';
import { parseName } from '../../../src/library/names.ts';
import { formatImportReport } from '../../../src/library/report.ts';
import { unifyTagSpellings } from '../../../src/library/tags.ts';
import { compactKey } from '../../../src/library/titles.ts';
import type { PaperEntry } from '../../../src/library/types.ts';
import { makeEntry } from '../../helpers/entries.ts';
import { FIXTURES_DIR, NUMBERED, OUTLINE, SEEDS_DIR, TABLE, allSeeds } from './seeds.ts';

const compiled = JSON.parse(readFileSync(join(SEEDS_DIR, 'arxiv-metadata.json'), 'utf8')) as CompiledMetadata;
const library = buildLibrary(allSeeds(), { compiled });
const entry = (id: string): PaperEntry => {
  const found = library.get(id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
};
const src = (file: string, line: number) => ({ file, line });
const arxivPapers = library.entries.filter((e) => e.arxivId !== null);

describe('the shipped metadata', () => {
  it('covers every arXiv paper of the seeds, plus the survey one list mislinks', () => {
    expect(arxivPapers).toHaveLength(203);
    for (const e of arxivPapers) expect(compiled.entries[e.arxivId!], e.id).toBeDefined();
    expect(Object.keys(compiled.entries)).toHaveLength(204);
  });

  it('gives every arXiv paper its complete author list: none is cut with "et al." or empty', () => {
    const complete = arxivPapers.filter((e) => e.authors.length > 0 && !e.authorsTruncated);
    expect(complete).toHaveLength(203);
    expect(entry('1706.03762').authors.map((a) => ('family' in a ? a.family : a.literal))).toEqual([
      'Vaswani', 'Shazeer', 'Parmar', 'Uszkoreit', 'Jones', 'Gomez', 'Kaiser', 'Polosukhin',
    ]);
    // GLaM: the Chicago list names 7 and says "et al."; arXiv names all 27.
    expect(entry('2112.06905').authors).toHaveLength(27);
    expect(entry('2112.06905').authorsTruncated).toBeUndefined();
    expect(library.report.missing.filter((m) => m.id.match(/^\d/))).toEqual([]);
  });

  it('records where each entry’s data came from', () => {
    for (const e of arxivPapers) expect(e.provenance.source, e.id).toBe('compiled-references');
    for (const e of library.entries.filter((x) => !x.arxivId)) expect(e.provenance).toEqual({ source: 'reading-list' });
    expect(entry('2401.07103').provenance).toMatchObject({ source: 'compiled-references', confidence: 'medium', dateFrom: 'source' });
    expect(entry('1706.03762').provenance).toMatchObject({ confidence: 'high', dateFrom: 'id', sources: expect.arrayContaining([expect.stringMatching(/^https:\/\//)]) });
  });

  it('fills abstracts and categories where the metadata has them', () => {
    expect(arxivPapers.filter((e) => e.abstract)).toHaveLength(Object.values(compiled.entries).filter((m) => m.abstract && m.arxivId !== '2402.00838').length);
    expect(entry('1706.03762').abstract).toMatch(/^The dominant sequence transduction models/);
    expect(entry('1706.03762')).toMatchObject({ categories: ['cs.CL', 'cs.LG'], primaryCategory: 'cs.CL' });
    // No category in the metadata: the notes' BibTeX primaryClass stays.
    expect(entry('2201.11903').primaryCategory).toBe('cs.CL');
  });
});

describe('which title wins', () => {
  it('takes arXiv’s title for every arXiv paper', () => {
    for (const e of arxivPapers) expect(e.title, e.id).toBe(compiled.entries[e.arxivId!]!.title.replace(/\s+/g, ' ').trim());
  });

  it.each([
    ['2005.11401', 'Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks', 'RAG'],
    ['1707.06347', 'Proximal Policy Optimization Algorithms', 'PPO'],
    ['2004.04906', 'Dense Passage Retrieval for Open-Domain Question Answering', 'DPR'],
    ['2112.04426', 'Improving language models by retrieving from trillions of tokens', 'RETRO'],
    ['2212.10496', 'Precise Zero-Shot Dense Retrieval without Relevance Labels', 'HyDE'],
    ['2107.03374', 'Evaluating Large Language Models Trained on Code', 'Codex'],
    ['2103.00020', 'Learning Transferable Visual Models From Natural Language Supervision', 'CLIP'],
    ['2309.06180', 'Efficient Memory Management for Large Language Model Serving with PagedAttention', 'VLLM'],
    ['2404.19737', 'Better & Faster Large Language Models via Multi-token Prediction', 'Medusa'],
    ['2404.03715', 'Direct Nash Optimization: Teaching Language Models to Self-Improve with General Preferences', 'DNO'],
    ['2403.13372', 'LlamaFactory: Unified Efficient Fine-Tuning of 100+ Language Models', 'LLama factory'],
  ])('%s is "%s", and the club’s name %s is an a.k.a.', (id, title, name) => {
    expect(entry(id).title).toBe(title);
    expect(entry(id).aka).toContain(name);
  });

  it('keeps a former title a list gave as an a.k.a., but not a shouted copy of the same title', () => {
    expect(entry('2307.05695').aka).toEqual(['ReLoRA', 'Stack More Layers Differently: High-Rank Training Through Low-Rank Updates']);
    expect(entry('2108.12409').aka).toEqual(['ALiBi']);
    expect(entry('2306.15595').aka).toEqual(['post-kaiokendev', 'Positional Interpolation']);
  });

  it('reports each title it replaced, with what the lists said', () => {
    expect(library.report.titles).toContainEqual({ id: '2404.03715', title: entry('2404.03715').title, listed: ['DNO'] });
    expect(library.report.titles).toContainEqual({ id: '2404.07503', title: 'Best Practices and Lessons Learned on Synthetic Data', listed: [] });
    // Same words, other case: not a replacement worth reporting.
    expect(library.report.titles.some((t) => t.id === '2401.04088')).toBe(false);
  });
});

describe('seed mistakes, repaired with evidence', () => {
  it('moves the survey 003 links to OLMo’s id to the survey’s own id', () => {
    expect(library.get('2402.00838')).toBeUndefined();
    const survey = entry('2401.07103');
    expect(survey).toMatchObject({ title: 'Leveraging Large Language Models for NLG Evaluation: A Survey', readingOrder: 46, date: '2024-01-13' });
    expect(survey.sources).toEqual([{ ...src(NUMBERED, 96), list: 'llm-paper-notes' }]);
    expect(survey.links.map((l) => l.url)).not.toContain('https://arxiv.org/pdf/2402.00838.pdf');
    expect(survey.links[0]).toEqual({ url: 'https://arxiv.org/abs/2401.07103', kind: 'abs' });
    expect(library.readingOrder().at(-1)).toBe('2401.07103');
    expect(library.report.fixes).toContainEqual({
      kind: 'relinked',
      source: src(NUMBERED, 96),
      id: '2401.07103',
      listed: 'Leveraging Large Language Models for NLG Evaluation: A Survey',
      evidence: expect.stringMatching(/links 2402\.00838, which compiled references \(high confidence\) titles "OLMo: Accelerating the Science of Language Models"; its title is 2401\.07103's/),
    });
  });

  it('moves 002’s LoRA row off IA3’s id; the affiliation and date it copied stay with IA3', () => {
    const lora = entry('2106.09685');
    expect(lora.authors).toHaveLength(8);
    expect(lora.affiliation).toBeNull();
    expect(lora.date).toBe('2021-06-17');
    expect(lora.sources.map((s) => `${s.file}:${s.line}`)).toEqual([`${TABLE}:34`, `${NUMBERED}:26`]);
    const ia3 = entry('2205.05638');
    expect(ia3).toMatchObject({ affiliation: 'NC univ. @chapel hill', date: '2022-05-11', aka: ['IA3'] });
    expect(ia3.sources.map((s) => s.line)).toEqual([36]);
    expect(library.report.conflicts).toEqual([]);
    expect(library.report.fixes.filter((f) => f.source.line === 34 && f.source.file === TABLE).map((f) => [f.kind, f.id])).toEqual([
      ['relinked', '2106.09685'],
      ['fields-kept', '2205.05638'],
    ]);
  });

  it('gives outline labels whose note names the paper the paper’s title, keeping the label', () => {
    const fixes = library.report.fixes.filter((f) => f.kind === 'label-title');
    expect(fixes.map((f) => [f.source.line, f.listed, f.id])).toEqual([
      [12, 'COOL RLHF', '2403.17297'],
      [39, 'Medusa', '2404.19737'],
      [63, 'importance of chain-of-X and AI agents', '2403.15371'],
      [142, 'COOL RLHF', '2403.17297'],
      [169, 'Medusa', '2404.19737'],
      [193, 'importance of chain-of-X and AI agents', '2403.15371'],
    ]);
    expect(fixes[1]!.evidence).toMatch(/note "Multi-token prediction" names its title "Better & Faster Large Language Models via Multi-token Prediction"/);
    expect(entry('2403.15371')).toMatchObject({ title: 'Can large language models explore in-context?', aka: ['importance of chain-of-X and AI agents'] });
    // A label that is a name of the paper (its title head) is no mistake.
    expect(library.report.fixes.some((f) => f.id === '2404.03592')).toBe(false);
  });

  it('keeps a renamed paper on its id: the list’s old title becomes an a.k.a.', () => {
    const gkd = entry('2306.13649');
    expect(gkd.title).toBe('On-Policy Distillation of Language Models: Learning from Self-Generated Mistakes');
    expect(gkd.aka).toContain('GKD: Generalized Knowledge Distillation for Auto-Regressive Sequence Models');
    expect(library.report.fixes.some((f) => f.id === '2306.13649')).toBe(false);
  });

  it('prints every repair with its evidence in the import report', () => {
    const text = formatImportReport(library.report);
    expect(text).toContain('Seed mistakes repaired (9)');
    expect(text).toContain(`${NUMBERED}:96  "Leveraging Large Language Models for NLG Evaluation: A Survey" → 2401.07103: moved to the paper its title names`);
    expect(text).toMatch(/evidence: the listing links 2402\.00838, which compiled references/);
    expect(text).toContain(`${OUTLINE}:39  "Medusa" → 2404.19737`);
    expect(text).toContain(`2307.13269  2023-06 (${TABLE}:38): earlier than 2023-07, the month arXiv id 2307.13269 encodes`);
    expect(text).toContain('Titles from arXiv metadata; the lists\' titles are kept as a.k.a. (47)');
  });
});

describe('dates and arXiv ids', () => {
  it('never dates an arXiv paper before the month its id encodes (beyond the announcement grace)', () => {
    for (const e of arxivPapers) {
      expect(e.date, e.id).not.toBeNull();
      expect(contradictsArxivId(e.date!, e.arxivId!), e.id).toBeNull();
    }
  });

  it('reports a list date that contradicts the id and uses arXiv’s', () => {
    expect(entry('2307.13269').date).toBe('2023-07-25');
    expect(library.report.dates).toContainEqual({ id: '2307.13269', date: '2023-06', source: src(TABLE, 38), reason: 'earlier than 2023-07, the month arXiv id 2307.13269 encodes' });
    // Motif's "Sep. 2023" fits its first version (2023-09-29), though its id says 2310.
    expect(library.report.dates.some((d) => d.id === '2310.00166')).toBe(false);
  });

  it('keeps a first version submitted in the last days before its id’s month', () => {
    expect(entry('2103.00020').date).toBe('2021-02-26');
    expect(entry('2401.00368')).toMatchObject({ date: '2023-12-31', year: 2023 });
  });

  it('uses the first version’s date over a later version’s date a list gave', () => {
    // GLaM: 2112.06905; the Chicago list cites the version of August 1, 2022.
    expect(entry('2112.06905').date).toBe('2021-12-13');
  });

  it.each([
    ['2023-06', '2307.13269', null, 'earlier than 2023-07, the month arXiv id 2307.13269 encodes'],
    ['2023-07', '2307.13269', null, null],
    ['2023', '2307.13269', null, null],
    ['2022', '2301.00001', null, 'earlier than 2023-01, the month arXiv id 2301.00001 encodes'],
    ['2021-02-26', '2103.00020', null, null],
    ['2021-02-20', '2103.00020', null, 'earlier than 2021-03, the month arXiv id 2103.00020 encodes'],
    ['2023-09', '2310.00166', '2023-09-29', null],
    ['2023-09', '2310.00166', null, 'earlier than 2023-10, the month arXiv id 2310.00166 encodes'],
    ['1998-12', 'hep-th/9901001', null, 'earlier than 1999-01, the month arXiv id hep-th/9901001 encodes'],
  ])('%s for %s (v1 %s) → %s', (date, id, v1, reason) => {
    expect(contradictsArxivId(date, id, v1)).toBe(reason);
  });
});

describe('the arXiv API’s records win over the compiled ones, entry by entry', () => {
  const api = JSON.parse(readFileSync(join(FIXTURES_DIR, 'arxiv-cache.json'), 'utf8')) as EnrichmentCache;
  const both = buildLibrary(allSeeds(), { api, compiled });

  it('uses the API record where there is one and the compiled one elsewhere', () => {
    expect(both.get('2302.13971')).toMatchObject({ date: '2023-02-27', provenance: { source: 'arxiv-api' } });
    expect(library.get('2302.13971')).toMatchObject({ date: '2023-02', provenance: { source: 'compiled-references' } });
    expect(both.get('2403.13372')).toMatchObject({ date: '2024-03-20', categories: ['cs.CL', 'cs.AI'], provenance: { source: 'arxiv-api' } });
    expect(both.get('1706.03762')!.provenance.source).toBe('compiled-references');
  });
});

describe('list names', () => {
  it('names each seed list by its own heading, or by its format', () => {
    expect([...new Set(library.entries.flatMap((e) => e.sources.map((s) => s.list)))].sort()).toEqual([
      'Awesome LLM Papers',
      'Citation list',
      'References',
      'Topic outline',
      'llm-paper-notes',
    ]);
    expect(listHeading('\n# Awesome **LLM** [Papers](https://x.example)\nrest')).toBe('Awesome LLM Papers');
    expect(listHeading('## Training\n# Not a title here')).toBeNull();
    expect(listHeading('- a\n- b\n')).toBeNull();
    const names = nameLists([
      { file: 'a.txt', text: '- x\n', format: 'outline' },
      { file: 'b.txt', text: '- y\n', format: 'outline' },
      { file: 'c.txt', text: '# Outline notes\n- z\n', format: 'outline' },
    ]);
    expect([...names.values()]).toEqual(['Topic outline', 'Topic outline (2)', 'Outline notes']);
  });
});

describe('tag spellings', () => {
  it('makes tags that differ only in case, spacing or hyphens one tag across the library', () => {
    const keys = new Map<string, Set<string>>();
    for (const e of library.entries) for (const t of e.tags) keys.set(compactKey(t), (keys.get(compactKey(t)) ?? new Set()).add(t));
    for (const [key, spellings] of keys) expect([...spellings], key).toHaveLength(1);
    expect(keys.get('finetuning')).toEqual(new Set(['Finetuning']));
  });

  it('writes a tag the way most entries write it, the first-seen spelling breaking ties', () => {
    const entries = [
      makeEntry({ id: 'a', title: 'A', tags: ['Fine-tuning', 'RAG'] }),
      makeEntry({ id: 'b', title: 'B', tags: ['Finetuning', 'rag'] }),
      makeEntry({ id: 'c', title: 'C', tags: ['finetuning', 'Finetuning'] }),
      makeEntry({ id: 'd', title: 'D', tags: ['Finetuning'] }),
    ];
    unifyTagSpellings(entries);
    expect(entries.map((e) => e.tags)).toEqual([['Finetuning', 'RAG'], ['Finetuning', 'RAG'], ['Finetuning'], ['Finetuning']]);
  });
});

describe('arXiv author names', () => {
  it('keeps suffixes apart and groups whole', () => {
    expect(parseName('Ronald McClelland Jr.')).toEqual({ given: 'Ronald', family: 'McClelland', suffix: 'Jr.' });
    expect(parseName('SIMA Team')).toEqual({ literal: 'SIMA Team' });
    expect(entry('2404.10179').authors[0]).toEqual({ literal: 'SIMA Team' });
    expect(entry('2403.04652').authors[0]).toEqual({ literal: '01.AI' });
  });
});
