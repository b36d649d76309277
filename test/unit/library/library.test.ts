import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompiledMetadata, EnrichmentCache } from '../../../src/library/metadata-files.ts';
import { isPaperclubError } from '../../../src/errors.ts';
import { arxivIdMonth } from '../../../src/library/dates.ts';
import { buildLibrary, loadLibrary } from '../../../src/library/library.ts';
import { formatImportReport } from '../../../src/library/report.ts';
import type { PaperEntry } from '../../../src/library/types.ts';
import { CHICAGO, FIXTURES_DIR, NOTES, NUMBERED, OUTLINE, SEEDS_DIR, TABLE, allSeeds } from './seeds.ts';

const library = buildLibrary(allSeeds());
const entry = (id: string): PaperEntry => {
  const found = library.get(id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
};
/** A place in a seed file, as reports give it. */
const src = (file: string, line: number) => ({ file, line });
/** The readable name of each seed list: its own `#` heading, else a short name from its format. */
const LIST_NAMES: Record<string, string> = {
  [CHICAGO]: 'Citation list',
  [NOTES]: 'References',
  [TABLE]: 'Awesome LLM Papers',
  [NUMBERED]: 'llm-paper-notes',
  [OUTLINE]: 'Topic outline',
};
/** A place in a seed file, as an entry's sources give it (with the list's name). */
const listed = (file: string, line: number) => ({ file, line, list: LIST_NAMES[file]! });

describe('the merged library on the real seeds', () => {
  it('has one entry per work, in seed order', () => {
    expect(library.size).toBe(225);
    expect(library.entries[0]!.id).toBe('2202.08906');
    const firsts = library.entries.map((e) => e.sources[0]!);
    const sorted = [...firsts].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
    expect(firsts).toEqual(sorted);
    expect(new Set(library.entries.map((e) => e.id)).size).toBe(library.size);
    expect(new Set(library.entries.filter((e) => e.arxivId).map((e) => e.arxivId)).size).toBe(library.entries.filter((e) => e.arxivId).length);
  });

  it('reports per-source counts', () => {
    expect(library.report.files).toEqual([
      { file: CHICAGO, format: 'chicago', entries: 33 },
      { file: NOTES, format: 'bibtex-notes', entries: 20 },
      { file: TABLE, format: 'markdown-table', entries: 98 },
      { file: NUMBERED, format: 'numbered-list', entries: 46 },
      { file: OUTLINE, format: 'outline', entries: 109 },
    ]);
  });

  it('keeps ST-MoE from the Chicago list with authors, date and arXiv DOI', () => {
    const e = entry('2202.08906');
    expect(e).toMatchObject({
      kind: 'arxiv',
      title: 'ST-MoE: Designing Stable and Transferable Sparse Expert Models',
      year: 2022,
      date: '2022-04-29',
      arxivId: '2202.08906',
      doi: '10.48550/arXiv.2202.08906',
      tags: ['Training', 'Mixture of Experts / Ensemble'],
      readingOrder: null,
      sources: [listed(CHICAGO, 5)],
    });
    expect(e.authors).toHaveLength(8);
    expect(e.links).toEqual([
      { url: 'https://arxiv.org/abs/2202.08906', kind: 'abs' },
      { url: 'https://doi.org/10.48550/arXiv.2202.08906', kind: 'doi' },
    ]);
    expect(e.authorsTruncated).toBeUndefined();
    expect(entry('2112.06905').authorsTruncated).toBe(true);
  });

  it('keeps CoT from the notes with its eprint, BibTeX (no stray X), summary and category', () => {
    const e = entry('2201.11903');
    expect(e.bibtex).toMatch(/^@misc\{wei2023chainofthought,/);
    expect(e.bibtex).toMatch(/primaryClass=\{cs\.CL\}\n\}$/);
    expect(e.bibtex).not.toContain('}X');
    expect(e.year).toBe(2023);
    expect(e.summary).toHaveLength(6);
    expect(e.primaryCategory).toBe('cs.CL');
    expect(e.categories).toEqual(['cs.CL']);
    expect(e.links.map((l) => l.kind)).toEqual(['abs', 'local']);
  });

  it('merges LLaMA across the table, the numbered list and the outline', () => {
    const e = entry('2302.13971');
    expect(e.title).toBe('LLaMA: Open and Efficient Foundation Language Models');
    expect(e.aka).toEqual(['LLaMA']);
    expect(e.readingOrder).toBe(9);
    expect(e.affiliation).toBe('Meta');
    expect(e.date).toBe('2023-02');
    expect(e.takeaway).toBe('Smoler models trained longer—on public data—is all you need');
    expect(e.tags).toEqual(['Foundation Models & Finetuned Family', 'Model', 'Foundation', 'Transformer (decoder-only)', 'Family', 'Encoder Decoder']);
    expect(e.sources).toEqual([listed(TABLE, 9), listed(NUMBERED, 22), listed(OUTLINE, 114)]);
  });

  it('merges DPO across all four lists with summary, takeaway, aka and reading order', () => {
    const e = entry('2305.18290');
    expect(e.title).toBe('Direct Preference Optimization: Your Language Model is Secretly a Reward Model');
    expect(e.aka).toEqual(['DPO']);
    expect(e.readingOrder).toBe(33);
    expect(e.takeaway).toBe('A separate reward model is NOT what you need');
    expect(e.summary).toHaveLength(5);
    expect(e.authors).toHaveLength(6);
    expect(e.date).toBe('2023-05');
    expect(e.bibtex).toContain('rafailov2023direct');
    // `#Finetuning` (table) and the outline's `Fine-tuning` heading are one tag, spelled as most entries spell it.
    expect(e.tags).toEqual(['LLM & Reinforcement Learning', 'Finetuning', 'DPO']);
    expect(e.sources).toEqual([listed(NOTES, 200), listed(TABLE, 75), listed(NUMBERED, 70), listed(OUTLINE, 14), listed(OUTLINE, 144)]);
  });

  it('repairs ΨPO and resolves its scheme-less link', () => {
    const e = entry('2310.12036');
    expect(e.aka).toEqual(['ΨPO']);
    expect(e.tags).toEqual(['LLM & Reinforcement Learning', 'Finetuning', 'ΨPO']);
    expect(library.lookup('ΨPO')).toBeUndefined();
  });

  it('keeps Yi’s authors sane', () => {
    const e = entry('2403.04652');
    expect(e.authors[0]).toEqual({ literal: '01.AI' });
    expect(e.authors).toHaveLength(31);
  });

  it('does not fuse LoRA with IA3: the wrong link is a conflict and LoRA follows its title', () => {
    const lora = entry('2106.09685');
    expect(lora.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(lora.sources).toEqual([listed(TABLE, 34), listed(NUMBERED, 26)]);
    expect(lora.links).toEqual([{ url: 'https://arxiv.org/abs/2106.09685', kind: 'abs' }]);
    // The row's affiliation and date came with IA3's link (copied from IA3's row): they stay with IA3.
    expect(lora.affiliation).toBeNull();
    expect(lora.date).toBe('2021-06');
    expect(lora.readingOrder).toBe(11);
    const ia3 = entry('2205.05638');
    expect(ia3.title).toBe('Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning');
    expect(ia3.aka).toEqual(['IA3']);
    expect(ia3.sources).toEqual([listed(TABLE, 36)]);
    expect(ia3.affiliation).toBe('NC univ. @chapel hill');
    expect(ia3.date).toBe('2022-08');
    expect(library.report.fixes).toContainEqual({
      kind: 'fields-kept',
      source: src(TABLE, 34),
      id: '2205.05638',
      listed: 'affiliation "NC univ. @chapel hill"',
      evidence: expect.stringMatching(/link to 2205\.05638/),
    });
    // Its date, October 2021, is earlier than the link's id allows: reported and not used anywhere.
    expect(library.report.dates).toContainEqual({ id: '2205.05638', date: '2021-10', source: src(TABLE, 34), reason: 'earlier than 2022-05, the month arXiv id 2205.05638 encodes' });
    expect(library.report.conflicts).toHaveLength(1);
    const conflict = library.report.conflicts[0]!;
    expect(conflict.arxivId).toBe('2205.05638');
    expect(conflict.titles).toEqual([
      { title: 'LoRA: Low-Rank Adaptation of Large Language Models', source: src(TABLE, 34) },
      { title: 'Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning', source: src(TABLE, 36) },
    ]);
    expect(conflict.resolution).toMatch(/2205\.05638 stays with "Few-Shot/);
    expect(conflict.resolution).toMatch(/"LoRA: Low-Rank Adaptation of Large Language Models" \(002_aecb128355791bda\.txt:34\) follows its title/);
    expect(library.report.merges).toContainEqual({ id: '2106.09685', title: lora.title, from: src(NUMBERED, 26), key: 'title' });
  });

  it('applies the nickname rule to numbered-list titles', () => {
    expect(entry('2203.15556')).toMatchObject({ title: 'Training Compute-Optimal Large Language Models', aka: ['Chinchilla'], readingOrder: 8 });
    expect(entry('2203.02155')).toMatchObject({ title: 'Training language models to follow instructions with human feedback', aka: ['InstructGPT'] });
    expect(entry('2005.14165')).toMatchObject({ title: 'Language Models are Few-Shot Learners', aka: ['GPT3'] });
    expect(entry('2108.12409')).toMatchObject({ title: 'Train Short, Test Long: Attention with Linear Biases Enables Input Length Extrapolation', aka: ['ALiBi'] });
    expect(entry('2212.08073')).toMatchObject({ title: 'Constitutional AI: Harmlessness from AI Feedback', aka: ['RLAIF'] });
    // The prefix is part of the real title when another list gives it that way, or no evidence says otherwise.
    expect(entry('2106.09685').aka).toEqual(['LoRA']);
    expect(entry('2305.13048')).toMatchObject({ title: 'RWKV: Reinventing RNNs for the Transformer Era', aka: ['RWKV'] });
    expect(entry('1810.04805').title).toBe('BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding');
  });

  it('merges entries without an id on their title, and web entries are cited as web pages', () => {
    const gpt = library.entries.find((e) => e.readingOrder === 2)!;
    // `GPT:` is a nickname like the list's `GPT2:` and `GPT3:` beside it (the versioned family rule).
    expect(gpt).toMatchObject({
      id: 'improving-language-understanding-by-generative-pre',
      title: 'Improving Language Understanding by Generative Pre-Training',
      kind: 'article',
      arxivId: null,
      doi: null,
      aka: ['GPT'],
    });
    expect(gpt.sources).toEqual([listed(NUMBERED, 8), listed(OUTLINE, 113)]);
    const openelm = entry('openelm');
    expect(openelm.kind).toBe('web');
    expect(openelm.sources).toEqual([listed(OUTLINE, 83), listed(OUTLINE, 213)]);
    expect(library.report.merges).toContainEqual({ id: 'openelm', title: 'OpenELM', from: src(OUTLINE, 213), key: 'title' });
    expect(entry('alpaca-a-strong-replicable-instruction-following').kind).toBe('web');
    expect(entry('platypus-quick-cheap-and-powerful-refinement').kind).toBe('article');
    expect(entry('language-models-are-unsupervised-multitask-learners')).toMatchObject({ kind: 'article', aka: ['GPT2'] });
    expect(entry('dynamically-scaled-rope-further-increases-performance')).toMatchObject({ kind: 'web', authors: [{ literal: 'emozilla' }] });
    expect(entry('autolabel').kind).toBe('web');
  });

  it('merges duplicates within the outline and labels under one id, keeping every source', () => {
    const e = entry('2404.08634');
    expect(e.title).toBe('Pre-training Small Base LMs with Fewer Tokens');
    expect(e.aka).toEqual(['Pre-training Small LMs with Fewer Tokens']);
    expect(e.sources).toEqual([listed(OUTLINE, 49), listed(OUTLINE, 86), listed(OUTLINE, 179), listed(OUTLINE, 216)]);
    const internlm = entry('2403.17297');
    expect(internlm.title).toBe('InternLM2 Technical Report');
    expect(internlm.aka).toEqual(['COOL RLHF']);
    expect(internlm.summary.at(-1)).toBe('InternLM2');
  });

  it('turns outline bare names that name a paper into its tags', () => {
    expect(entry('2305.14314').tags).toEqual(expect.arrayContaining(['PEFT', 'LoRA', 'Finetuning', 'methods']));
    expect(entry('2305.14314').sources).toEqual([listed(TABLE, 35), listed(NUMBERED, 28), listed(OUTLINE, 5), listed(OUTLINE, 135)]);
    expect(entry('2203.15556').tags).toContain('Training optimization');
    expect(entry('2306.02707').tags).toContain('Synthetic data');
    expect(entry('2305.13048').tags).toContain('Other non-Transformer arch');
    expect(entry('2205.14135').tags).toEqual(['acceleration framework', 'parameter wise optimization']);
    expect(entry('1707.06347').tags).toEqual(['Finetuning']);
    expect(entry('1910.10683').tags).toEqual(['Transformer (decoder-only)', 'Family', 'Encoder Decoder']);
    expect(library.report.merges).toContainEqual({ id: '2205.14135', title: entry('2205.14135').title, from: src(OUTLINE, 35), key: 'aka' });
    expect(library.report.merges).toContainEqual({ id: '2305.14314', title: entry('2305.14314').title, from: src(OUTLINE, 5), key: 'aka' });
  });

  it('keeps the other bare names as topics, once each', () => {
    const names = library.report.topics.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['SFT', 'Triton', 'CUDA', 'Tokenizer', 'JARVIS-1', 'EAGLE', 'Vanilla Transformer', 'PaLM']));
    for (const paper of ['QLoRA', 'Chinchilla', 'Orca', 'RWKV', 'LLaMA', 'Flash Attention', 'PPO', 'DPO']) expect(names).not.toContain(paper);
    expect(library.report.topics.find((t) => t.name === 'SFT')!.source).toEqual(src(OUTLINE, 13));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('lists each repair kind the seeds need', () => {
    const kinds = new Set(library.report.repairs.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['bibtex-trailing', 'html-break', 'markdown-escape', 'mojibake', 'nbsp']);
    expect(library.report.repairs).toContainEqual({ source: src(TABLE, 76), kind: 'mojibake', before: 'Œ®PO', after: 'ΨPO' });
    expect(library.report.repairs).toContainEqual({ source: src(TABLE, 2), kind: 'mojibake', before: 'Ï§ëÏöîÌïú', after: '중요한' });
    expect(library.report.repairs).toContainEqual({ source: src(TABLE, 60), kind: 'nbsp', before: 'ALiBi\u00a0', after: 'ALiBi ' });
  });

  it('lists entries missing authors or year', () => {
    expect(library.report.missing).toContainEqual({ id: 'logit-bias', title: 'Logit Bias', fields: ['authors', 'year'] });
    expect(library.report.missing).toContainEqual({ id: '2302.13971', title: entry('2302.13971').title, fields: ['authors'] });
    expect(library.report.missing.some((m) => m.id === '2202.08906')).toBe(false);
  });

  it('records every merge with its key', () => {
    const keys = new Set(library.report.merges.map((m) => m.key));
    expect(keys).toEqual(new Set(['arxiv', 'title', 'aka']));
    expect(library.report.merges).toContainEqual({ id: '2302.13971', title: entry('2302.13971').title, from: src(NUMBERED, 22), key: 'arxiv' });
    const mergedSources = library.entries.reduce((n, e) => n + e.sources.length - 1, 0);
    expect(library.report.merges).toHaveLength(mergedSources);
  });
});

describe('Library lookups', () => {
  it('finds entries by id, arXiv id in any form, DOI and DOI URL', () => {
    const mamba = entry('2312.00752');
    for (const form of ['2312.00752', '2312.00752v2', 'arXiv:2312.00752v2', 'https://arxiv.org/abs/2312.00752', 'arxiv.org/pdf/2312.00752.pdf', '10.48550/arXiv.2312.00752', 'https://doi.org/10.48550/arxiv.2312.00752']) {
      expect(library.lookup(form)?.id, form).toBe(mamba.id);
    }
    expect(library.get('OPENELM')?.id).toBe('openelm');
    expect(library.lookup('openelm')?.id).toBe('openelm');
    expect(library.byArxivId('2312.00752v3')).toBe(mamba);
    expect(library.byDoi('10.48550/ARXIV.2312.00752')).toBe(mamba);
    expect(library.lookup('9999.99999')).toBeUndefined();
    expect(library.lookup('')).toBeUndefined();
  });

  it('gives the numbered list in reading order', () => {
    const order = library.readingOrder();
    expect(order).toHaveLength(46);
    expect(order.slice(0, 3)).toEqual(['1706.03762', 'improving-language-understanding-by-generative-pre', '1810.04805']);
    expect(order[8]).toBe('2302.13971');
    expect(order[32]).toBe('2305.18290');
    expect(order[45]).toBe('2402.00838');
  });

  it('makes the same ids from the same seeds, and slugs that fit the rule', () => {
    const again = buildLibrary(allSeeds());
    expect(again.entries.map((e) => e.id)).toEqual(library.entries.map((e) => e.id));
    for (const e of library.entries.filter((x) => !x.arxivId)) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+){0,6}$/);
      expect(e.id.split('-').length).toBeLessThanOrEqual(7);
    }
  });

  it('gives colliding slugs a suffix', () => {
    const lib = buildLibrary([{ file: 'x.txt', text: '- [Same Name](https://a.example/1)\n- [Same Name!](https://b.example/2)\n- [Other](https://c.example)\n' }]);
    expect(lib.entries.map((e) => e.id)).toEqual(['same-name', 'other']);
    const text = '- [One two three four five six seven](https://a.example/1)\n- [One two three four five six eight](https://b.example/2)\n- [Other](https://c.example)\n';
    const two = buildLibrary([{ file: 'x.txt', text }]);
    expect(two.entries.map((e) => e.id)).toEqual(['one-two-three-four-five-six', 'one-two-three-four-five-six-2', 'other']);
  });
});

describe('files that match no format', () => {
  it('are reported with format null and an error, not skipped', () => {
    const lib = buildLibrary([...allSeeds(), { file: 'minutes.txt', text: 'We met on Tuesday.\nNext time: pizza.\n' }]);
    expect(lib.report.files.at(-1)).toEqual({ file: 'minutes.txt', format: null, entries: 0, error: expect.stringMatching(/unrecognised format/) });
    expect(lib.size).toBe(library.size);
  });
});

describe('enrichment cache', () => {
  const cache = JSON.parse(readFileSync(join(FIXTURES_DIR, 'arxiv-cache.json'), 'utf8')) as EnrichmentCache;
  const enriched = buildLibrary(allSeeds(), { api: cache });

  it('is the reference for authors, v1 date, categories and abstract, and says so', () => {
    const llama = enriched.get('2302.13971')!;
    expect(llama.authors).toHaveLength(14);
    expect(llama.authors.slice(0, 2)).toEqual([
      { given: 'Hugo', family: 'Touvron' },
      { given: 'Thibaut', family: 'Lavril' },
    ]);
    // The table says "February. 2023"; arXiv's v1 day replaces it.
    expect(llama.date).toBe('2023-02-27');
    expect(llama.abstract).toMatch(/^We introduce LLaMA/);
    expect(llama.categories).toEqual(['cs.CL']);
    expect(llama.primaryCategory).toBe('cs.CL');
    expect(llama.provenance).toEqual({ source: 'arxiv-api' });
    expect(llama.affiliation).toBe('Meta'); // what arXiv does not say stays as the lists gave it
    const cot = enriched.get('2201.11903')!;
    expect(cot.authors).toHaveLength(9);
    // The notes' BibTeX says year 2023 (a later version); the first version is from January 2022.
    expect(cot.date).toBe('2022-01-28');
    expect(cot.year).toBe(2022);
    expect(cot.categories).toEqual(['cs.CL', 'cs.AI']);
    expect(enriched.report.missing.some((m) => m.id === '2302.13971')).toBe(false);
    expect(enriched.get('1706.03762')!.provenance).toEqual({ source: 'reading-list' });
  });

  it('replaces an outline label with the real title and keeps the label as aka', () => {
    const factory = enriched.get('2403.13372')!;
    expect(factory.title).toBe('LlamaFactory: Unified Efficient Fine-Tuning of 100+ Language Models');
    expect(factory.aka).toEqual(['LLama factory']);
    expect(factory.date).toBe('2024-03-20');
    expect(factory.year).toBe(2024);
    expect(library.get('2403.13372')!.title).toBe('LLama factory');
  });
});

describe('dates from arXiv ids', () => {
  it('dates an arXiv paper no list or cache dated by the month its id says it was submitted', () => {
    const attention = library.get('1706.03762')!;
    expect(attention.sources.every((s) => s.file.startsWith('003'))).toBe(true); // the numbered list gives no date
    expect(attention.date).toBe('2017-06');
    expect(attention.year).toBe(2017);
    // Still reported for its missing authors, no longer for the year.
    expect(library.report.missing.find((m) => m.id === '1706.03762')?.fields).toEqual(['authors']);
  });

  it('never overrides a date a list gave', () => {
    // GLaM: submitted 2021-12 (2112.06905); the Chicago list cites the version of August 1, 2022.
    expect(library.get('2112.06905')!.date).toBe('2022-08-01');
  });

  it('reads both id schemes and rejects impossible months', () => {
    expect(arxivIdMonth('2106.09685')).toBe('2021-06');
    expect(arxivIdMonth('0704.0001')).toBe('2007-04');
    expect(arxivIdMonth('hep-th/9901001')).toBe('1999-01');
    expect(arxivIdMonth('math.GT/0309136')).toBe('2003-09');
    expect(arxivIdMonth('2113.00001')).toBeNull();
    expect(arxivIdMonth('not-an-id')).toBeNull();
  });
});

describe('loadLibrary', () => {
  const dirs: string[] = [];
  const tempSeeds = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'paperclub-seeds-'));
    dirs.push(dir);
    for (const { file } of allSeeds()) copyFileSync(join(SEEDS_DIR, file), join(dir, file));
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the seeds directory with the shipped metadata and matches buildLibrary', async () => {
    const loaded = await loadLibrary({ seedsDir: SEEDS_DIR });
    const compiled = JSON.parse(readFileSync(join(SEEDS_DIR, 'arxiv-metadata.json'), 'utf8')) as CompiledMetadata;
    expect(loaded.entries).toEqual(buildLibrary(allSeeds(), { compiled }).entries);
    expect(loaded.report.files.map((f) => f.file)).toEqual(allSeeds().map((s) => s.file));
  });

  it('loads the cache next to the seeds', async () => {
    const dir = tempSeeds();
    copyFileSync(join(FIXTURES_DIR, 'arxiv-cache.json'), join(dir, 'arxiv-cache.json'));
    const loaded = await loadLibrary({ seedsDir: dir });
    expect(loaded.get('2403.13372')!.title).toMatch(/^LlamaFactory/);
    expect(loaded.report.files.map((f) => f.file)).not.toContain('arxiv-cache.json');
  });

  it('reports a corrupt cache and ignores it', async () => {
    const dir = tempSeeds();
    writeFileSync(join(dir, 'arxiv-cache.json'), '{"version": 1, "entries": ');
    const loaded = await loadLibrary({ seedsDir: dir });
    expect(loaded.size).toBe(library.size);
    expect(loaded.get('2403.13372')!.title).toBe('LLama factory');
    expect(loaded.report.files.at(-1)).toMatchObject({ file: 'arxiv-cache.json', format: null, entries: 0, error: expect.stringMatching(/not valid JSON/) });
  });

  it('throws seed_unreadable for a missing directory or an unreadable file', async () => {
    const missing = await loadLibrary({ seedsDir: join(tmpdir(), 'paperclub-no-such-dir') }).catch((e: unknown) => e);
    expect(isPaperclubError(missing) && missing.code).toBe('seed_unreadable');
    const dir = tempSeeds();
    symlinkSync(join(dir, 'no-such-target.txt'), join(dir, 'dangling.txt'));
    const unreadable = await loadLibrary({ seedsDir: dir }).catch((e: unknown) => e);
    expect(isPaperclubError(unreadable) && unreadable.code).toBe('seed_unreadable');
    expect(isPaperclubError(unreadable) && unreadable.context).toMatchObject({ file: 'dangling.txt' });
  });

  it('imports new files in a known format and skips hidden files and subdirectories', async () => {
    const dir = tempSeeds();
    mkdirSync(join(dir, 'archive'));
    writeFileSync(join(dir, '.notes.txt'), 'hidden\n');
    writeFileSync(join(dir, 'zz-new.txt'), '- Agents\n    - [SWE-agent](https://arxiv.org/abs/2405.15793)\n    - [OpenELM](https://machinelearning.apple.com/research/openelm)\n');
    const loaded = await loadLibrary({ seedsDir: dir });
    expect(loaded.report.files.map((f) => f.file)).toEqual([...allSeeds().map((s) => s.file), 'zz-new.txt']);
    expect(loaded.report.files.at(-1)).toEqual({ file: 'zz-new.txt', format: 'outline', entries: 2 });
    expect(loaded.get('2405.15793')).toMatchObject({ title: 'SWE-agent', tags: ['Agents'] });
    expect(loaded.get('openelm')!.sources).toHaveLength(3);
  });
});

describe('formatImportReport', () => {
  it('prints sources, merges, conflicts, repairs, missing fields and topics', () => {
    const text = formatImportReport(library.report);
    expect(text).toContain(`${TABLE}  markdown-table  98 listings`);
    expect(text).toContain('Conflicts (1)');
    expect(text).toContain('arXiv 2205.05638 is listed with different titles:');
    expect(text).toMatch(/002_aecb128355791bda\.txt:76 {2}mojibake: "Œ®PO" → "ΨPO"/);
    expect(text).toContain('stray characters after a BibTeX entry: 1');
    expect(text).toMatch(/logit-bias {2}"Logit Bias" {2}no authors, no year/);
    expect(text).toMatch(/Topics: outline names that are not papers \(\d+\)\n {2}.*SFT/);
    const withBad = formatImportReport(buildLibrary([{ file: 'x.txt', text: 'prose only\n' }]).report);
    expect(withBad).toMatch(/x\.txt {2}unrecognised {2}0 listings {2}ERROR: unrecognised format/);
  });
});
