import { describe, expect, it } from 'vitest';
import { impliedAcronyms, SearchIndex, titleHead } from '../../../src/search/search-index.ts';
import { paper, SAMPLE } from './fixtures.ts';

const index = new SearchIndex(SAMPLE);
const top = (query: string): string | undefined => index.search(query, { limit: 1 })[0]?.entry.id;
const ids = (query: string, limit = 10): string[] => index.search(query, { limit }).map((h) => h.entry.id);

describe('SearchIndex.search: what people type', () => {
  it.each([
    ['lora', '2106.09685'],
    ['LoRA', '2106.09685'],
    ['dpo', '2305.18290'],
    ['qlora', '2305.14314'],
    ['chinchilla', '2203.15556'],
    ['mamba', '2312.00752'],
  ])('acronym or nickname %s', (query, expected) => {
    expect(top(query)).toBe(expected);
  });

  it.each(['gpt-3', 'gpt3', 'GPT 3', 'Gpt-3'])('folds hyphens and spaces: %s', (query) => {
    expect(top(query)).toBe('2005.14165');
  });

  it('tells GPT3 from GPT2 (digits never fuzz)', () => {
    expect(top('gpt2')).toBe('gpt2-language-models-are-unsupervised-multitask-learners');
    expect(top('gpt 2')).toBe('gpt2-language-models-are-unsupervised-multitask-learners');
  });

  it.each([
    ['one rank is all you need', '2106.09685'],
    ['for-loops in SRAM', '2205.14135'],
    ['for loops in sram', '2205.14135'],
    ['4-bit is all you need', '2305.14314'],
  ])('half-remembered takeaway %s', (query, expected) => {
    expect(top(query)).toBe(expected);
  });

  it.each([
    ['rafailov', '2305.18290'],
    ['Rafael Rafailov', '2305.18290'],
    ['therien', '2403.08763'],
    ['Thérien', '2403.08763'],
  ])('author %s', (query, expected) => {
    expect(top(query)).toBe(expected);
  });

  it('finds every paper of an author', () => {
    expect(ids('Tri Dao').slice(0, 2).sort()).toEqual(['2205.14135', '2312.00752']);
  });

  it.each([
    ['chinchila', '2203.15556'],
    ['mistrel', '2310.06825'],
    ['flashatention', '2205.14135'],
  ])('typo %s', (query, expected) => {
    expect(top(query)).toBe(expected);
  });

  it('does not fuzz short words (`dpa` is not `dpo`)', () => {
    expect(ids('dpa')).toEqual([]);
  });

  it('re-spells doubled-letter typos that edit distance would miss', () => {
    const llama2 = paper({ id: '2307.09288', title: 'Llama 2: Open Foundation and Fine-Tuned Chat Models', aka: ['Llama 2'] });
    const orca2 = paper({ id: '2311.11045', title: 'Orca 2: Teaching Small Language Models How to Reason', aka: ['Orca 2'] });
    const idx = new SearchIndex([orca2, llama2, ...SAMPLE]);
    expect(idx.search('lamma 2')[0]?.entry.id).toBe('2307.09288');
  });

  it('prefers the paper matching every word over one matching a word many times', () => {
    const llama2 = paper({ id: '2307.09288', title: 'Llama 2', takeaway: 'Iterative finetuning, PPO, rejection sampling, and ghost attention is all you need' });
    const idx = new SearchIndex([llama2, ...SAMPLE]);
    expect(idx.search('ghost attention')[0]?.entry.id).toBe('2307.09288');
  });

  it.each([
    ['flash attention', '2205.14135'],
    ['low-rank adaptation', '2106.09685'],
    ['compute optimal', '2203.15556'],
    ['selective state spaces', '2312.00752'],
  ])('title fragment %s', (query, expected) => {
    expect(top(query)).toBe(expected);
  });

  it('ranks a paper by its first author above one the person co-wrote', () => {
    const t5 = paper({ id: '1910.10683', title: 'Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer' }, ['Colin Raffel', 'Noam Shazeer', 'Adam Roberts', 'Katherine Lee', 'Sharan Narang']);
    const ties = paper({ id: '2306.01708', title: 'TIES-Merging: Resolving Interference When Merging Models' }, ['Prateek Yadav', 'Colin Raffel']);
    const idx = new SearchIndex([ties, t5, ...SAMPLE]);
    expect(idx.search('raffel').map((h) => h.entry.id)).toEqual(['1910.10683', '2306.01708']);
  });

  it('finds a paper by words only its abstract has', () => {
    const attention = paper({ id: '1706.03762', title: 'Attention Is All You Need', abstract: 'Our model achieves 28.4 BLEU on the WMT 2014 English-to-German translation task.' });
    const idx = new SearchIndex([attention, ...SAMPLE]);
    expect(idx.search('wmt english-to-german bleu')[0]?.entry.id).toBe('1706.03762');
  });

  it('weighs an abstract below the paper’s own fields: a word only the abstract has lifts no paper over its takeaway’s', () => {
    const attention = paper({ id: '1706.03762', title: 'Attention Is All You Need', abstract: 'Models connect the encoder and decoder through an attention mechanism.' });
    const gpt = paper({ id: 'improving-language-understanding', title: 'Improving Language Understanding by Generative Pre-Training', arxivId: null, takeaway: 'Decoder is all you need' });
    const idx = new SearchIndex([attention, gpt, ...SAMPLE]);
    expect(idx.search('decoder is all you need')[0]?.entry.id).toBe('improving-language-understanding');
    // Without the abstract the decoder paper wins by its takeaway all the same: the abstract changed nothing.
    const bare = new SearchIndex([{ ...attention, abstract: null }, gpt, ...SAMPLE]);
    expect(bare.search('decoder is all you need')[0]?.entry.id).toBe('improving-language-understanding');
  });

  it('matches Greek nicknames', () => {
    expect(top('ΨPO')).toBe('2310.12036');
    expect(top('ψpo')).toBe('2310.12036');
  });
});

describe('SearchIndex.search: identifiers', () => {
  it.each([
    '2312.00752',
    '2312.00752v2',
    'arXiv:2312.00752v2',
    'arxiv:2312.00752',
    'https://arxiv.org/abs/2312.00752',
    'https://arxiv.org/pdf/2312.00752.pdf',
    'arxiv.org/abs/2312.00752v1',
    '10.48550/arXiv.2312.00752',
    'https://doi.org/10.48550/arXiv.2312.00752',
    'doi:10.48550/ARXIV.2312.00752',
  ])('%s finds Mamba first', (query) => {
    expect(top(query)).toBe('2312.00752');
  });

  it('finds a web entry by its library id and by its link', () => {
    const id = 'gpt2-language-models-are-unsupervised-multitask-learners';
    expect(top(id)).toBe(id);
    expect(top('https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf')).toBe(id);
  });

  it('returns nothing for an identifier the library does not hold', () => {
    expect(ids('2401.99999')).toEqual([]);
    expect(ids('https://arxiv.org/abs/1706.03762')).toEqual([]);
    expect(ids('10.1000/xyz123')).toEqual([]);
    expect(ids('arXiv:1999.99999')).toEqual([]);
    expect(top('arXiv: mamba')).toBe('2312.00752');
    expect(top('arxiv mamba')).toBe('2312.00752');
  });

  it('ranks the exact id above a paper whose text mentions it', () => {
    const mentions = paper({ id: '2404.00001', title: 'A follow-up', summary: ['Builds on 2312.00752 (Mamba) and Mamba-2.'] });
    const idx = new SearchIndex([mentions, ...SAMPLE]);
    expect(idx.search('2312.00752')[0]?.entry.id).toBe('2312.00752');
  });

  it('answers an identifier with its paper and the papers that mention it, not with look-alike ids or URL words', () => {
    const mentions = paper({ id: '2404.00001', title: 'A follow-up', summary: ['Builds on 2312.00752 (Mamba) and Mamba-2.'] });
    // An outline link with no title: its placeholder title says "arXiv", as every arXiv URL does.
    const untitled = paper({ id: '2404.07503', arxivId: '2404.07503', title: 'arXiv:2404.07503' });
    const sameMonth = paper({ id: '2312.00001', arxivId: '2312.00001', title: 'Another December paper' });
    const idx = new SearchIndex([mentions, untitled, sameMonth, ...SAMPLE]);
    for (const query of ['2312.00752', 'arXiv:2312.00752v2', 'https://arxiv.org/pdf/2312.00752v2.pdf', 'https://doi.org/10.48550/arXiv.2312.00752']) {
      expect(idx.search(query).map((h) => h.entry.id), query).toEqual(['2312.00752', '2404.00001']);
    }
    expect(idx.search('https://arxiv.org/abs/2404.07503').map((h) => h.entry.id)).toEqual(['2404.07503']);
  });

  it('lists the papers citing a DOI in any case, and not those citing another DOI with the same prefix', () => {
    const book = paper({ id: 'web-book', title: 'A book chapter', arxivId: null, doi: '10.1000/ABC123' });
    const citing = paper({ id: '2404.00002', title: 'Cites the chapter', summary: ['As 10.1000/abc123 shows.'] });
    const other = paper({ id: '2404.00003', title: 'Cites another chapter', summary: ['As 10.1000/abc999 shows.'] });
    const idx = new SearchIndex([book, citing, other, ...SAMPLE]);
    expect(idx.search('doi:10.1000/abc123').map((h) => h.entry.id)).toEqual(['web-book', '2404.00002']);
  });
});

describe('SearchIndex.search: exact names rank first', () => {
  it('puts the paper named exactly above one that says the name more often', () => {
    const noisy = paper({
      id: '2402.00001',
      title: 'Mistral mistral Mistral: a survey of Mistral models',
      summary: ['Mistral, Mistral and Mistral again.'],
      tags: ['Mistral'],
    });
    const idx = new SearchIndex([noisy, ...SAMPLE]);
    expect(idx.search('mistral')[0]?.entry.id).toBe('2310.06825');
  });

  it('treats an acronym in parentheses in the title as a name, above a one-letter fuzzy neighbour', () => {
    const rest = paper({ id: '2308.08998', title: 'Reinforced Self-Training (ReST) for Language Modeling' });
    const reft = paper({ id: '2404.03592', title: 'ReFT: Representation Finetuning for Language Models', aka: ['ReFT'] });
    const idx = new SearchIndex([reft, rest]);
    expect(idx.search('rest').map((h) => h.entry.id)).toEqual(['2308.08998']);
  });

  it('weighs the pieces of a compound below the compound (`ModelMerge`)', () => {
    const btm = paper({ id: '2208.03306', title: 'Branch-Train-Merge: Embarrassingly Parallel Training of Expert Language Models' });
    const ties = paper({ id: '2306.01708', title: 'TIES-Merging: Resolving Interference When Merging Models', tags: ['ModelMerge'] });
    const idx = new SearchIndex([btm, ties, ...SAMPLE]);
    expect(idx.search('ModelMerge')[0]?.entry.id).toBe('2306.01708');
  });

  it('treats the short name before a title colon as a name', () => {
    expect(titleHead('GPT3: Language Models are Few-Shot Learners')).toBe('GPT3');
    expect(titleHead('ALiBi; Train Short, Test Long')).toBe('ALiBi');
    expect(titleHead('Mistral 7B')).toBeNull();
    expect(titleHead('Reinforcement Learning in the Era of LLMs and many more words: What is Essential?')).toBeNull();
  });
});

describe('SearchIndex.search: ties, paging and odd input', () => {
  it('breaks exact score ties by reading order, then id', () => {
    const a = paper({ id: 'b-twin', title: 'Twin paper', readingOrder: 2 });
    const b = paper({ id: 'a-twin', title: 'Twin paper', readingOrder: 1 });
    const c = paper({ id: 'c-twin', title: 'Twin paper' });
    const d = paper({ id: 'd-twin', title: 'Twin paper' });
    const idx = new SearchIndex([d, c, a, b]);
    const hits = idx.search('twin');
    expect(hits.map((h) => h.entry.id)).toEqual(['a-twin', 'b-twin', 'c-twin', 'd-twin']);
    expect(new Set(hits.map((h) => h.score)).size).toBe(1);
  });

  it('returns scores in descending order', () => {
    const scores = index.search('language models', { limit: 20 }).map((h) => h.score);
    expect(scores.length).toBeGreaterThan(3);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('pages with limit and offset', () => {
    const all = ids('language models', 20);
    expect(ids('language models', 3)).toEqual(all.slice(0, 3));
    expect(index.search('language models', { limit: 3, offset: 2 }).map((h) => h.entry.id)).toEqual(all.slice(2, 5));
    expect(index.search('language models', { limit: 0 })).toEqual([]);
  });

  it('takes the best k without ranking every match: a shorter list is the start of a longer one', () => {
    for (const query of ['language models', 'attention is all you need', 'llama 2', 'mod', 'a s', 'chinchila']) {
      const all = index.search(query, { limit: 50 });
      for (const k of [1, 3, 7]) expect(index.search(query, { limit: k }), `${query} @${k}`).toEqual(all.slice(0, k));
      expect(index.suggest(query, 3), query).toEqual(index.suggest(query, 25).slice(0, 3));
    }
  });

  it('gives the phrase bonus to a paper that ranks below the k-th best without it', () => {
    const scattered = Array.from({ length: 3 }, (_, i) => paper({ id: `2401.0000${i}`, title: 'Ghost Stories and Attention' }));
    const phrased = paper({ id: '2307.09288', title: 'Llama 2', takeaway: 'ghost attention keeps the system prompt' });
    const idx = new SearchIndex([...scattered, phrased, ...SAMPLE]);
    // Without the phrase the scattered words win ("attention ghost" is no phrase of the takeaway)...
    expect(idx.search('attention ghost', { limit: 1 })[0]?.entry.id).not.toBe('2307.09288');
    // ...with it the takeaway's phrase lifts its paper first, whatever the limit.
    expect(idx.search('ghost attention', { limit: 1 })[0]?.entry.id).toBe('2307.09288');
    expect(idx.search('ghost attention', { limit: 10 })[0]?.entry.id).toBe('2307.09288');
  });

  it('defaults to ten results', () => {
    const many = Array.from({ length: 30 }, (_, i) => paper({ id: `same-${String(i).padStart(2, '0')}`, title: 'Same words' }));
    expect(new SearchIndex(many).search('same words')).toHaveLength(10);
  });

  it.each(['', '   ', '\n\t', '!!!', '?!.,;:', '—', '()[]{}'])('returns [] for %j', (query) => {
    expect(index.search(query)).toEqual([]);
  });

  it('answers a very long query (a pasted paragraph) with its leading words', () => {
    const long = `one rank is all you need ${'lorem ipsum dolor sit amet '.repeat(2000)}`;
    expect(top(long)).toBe('2106.09685');
  });

  it('works on an empty library', () => {
    const empty = new SearchIndex([]);
    expect(empty.search('lora')).toEqual([]);
    expect(empty.suggest('lo')).toEqual([]);
    expect(empty.suggest('')).toEqual([]);
  });
});

describe('SearchIndex.suggest', () => {
  it('completes the word being typed', () => {
    expect(index.suggest('chinch')[0]).toEqual({ name: 'Chinchilla: Training Compute-Optimal Large Language Models (2022)', value: '2203.15556' });
    expect(index.suggest('flash att')[0]?.value).toBe('2205.14135');
    expect(index.suggest('m').length).toBeGreaterThan(0);
  });

  it('completes an arXiv id as it is typed', () => {
    expect(index.suggest('2106.09')[0]?.value).toBe('2106.09685');
    expect(index.suggest('arXiv:2312.007')[0]?.value).toBe('2312.00752');
  });

  it('lists the library in reading order for an empty input', () => {
    expect(index.suggest('', 3).map((s) => s.value)).toEqual(['gpt2-language-models-are-unsupervised-multitask-learners', '2005.14165', '2203.15556']);
  });

  it('caps the count at 25 and names at 100 characters, keeping the year', () => {
    const long = paper({ id: '2401.00001', title: `${'Very long title '.repeat(12)}end`, year: 2024 });
    const many = Array.from({ length: 40 }, (_, i) => paper({ id: `p${i}`, title: `Paper number ${i}` }));
    const idx = new SearchIndex([long, ...many]);
    expect(idx.suggest('paper', 100)).toHaveLength(25);
    const name = idx.suggest('very long title')[0]!.name;
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.endsWith('… (2024)')).toBe(true);
    expect(idx.suggest('paper', 0)).toEqual([]);
  });
});

describe('implied acronyms', () => {
  it('reads the initials of a connector compound or a short title head', () => {
    expect(impliedAcronyms('Chain-of-Thought Prompting Elicits Reasoning in Large Language Models')).toEqual(['CoT']);
    expect(impliedAcronyms('GLaM: Efficient Scaling of Language Models with Mixture-of-Experts')).toEqual(['MoE']);
    expect(impliedAcronyms('Tree of Thoughts: Deliberate Problem Solving with Large Language Models')).toEqual(['ToT']);
    // No connector, a digit, or a connector at an edge: no acronym.
    expect(impliedAcronyms('Branch-Train-Merge: Embarrassingly Parallel Training of Expert Language Models')).toEqual([]);
    expect(impliedAcronyms('Pre-training Small Base LMs with Fewer Tokens')).toEqual([]);
    expect(impliedAcronyms('GPT-3-style models')).toEqual([]);
  });

  it('finds a paper by the acronym its title implies, below an a.k.a. someone gave', () => {
    const cot = paper({ id: '2201.11903', title: 'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models' });
    const cotAka = paper({ id: '2999.00001', title: 'Some other method', aka: ['CoT'] });
    expect(new SearchIndex([cot, ...SAMPLE]).search('cot')[0]?.entry.id).toBe('2201.11903');
    expect(new SearchIndex([cot, cotAka, ...SAMPLE]).search('CoT')[0]?.entry.id).toBe('2999.00001');
  });
});
