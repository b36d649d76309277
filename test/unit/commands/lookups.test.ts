import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { autocompletePapers } from '../../../src/commands/autocomplete.ts';
import { buttonsOf, harness, visibleText, type Harness } from './fixtures.ts';

describe('search, show and cite (no Redis needed)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ store: unavailableStore('not running in this test') });
  });
  afterAll(async () => {
    await h.teardown();
  });

  it('search puts the paper people mean first, with show buttons and paging', async () => {
    const reply = await h.run('search lora');
    const cards = reply.blocks.filter((b) => b.type === 'card');
    expect(cards).toHaveLength(5);
    expect(cards[0]).toMatchObject({ card: { title: 'LoRA: Low-Rank Adaptation of Large Language Models', url: 'https://arxiv.org/abs/2106.09685' } });
    const buttons = buttonsOf(reply);
    expect(buttons[0]).toEqual({ label: 'Show LoRA', command: 'show 2106.09685' });
    expect(buttons.find((b) => b.label === 'More results')?.command).toBe('search lora --page 2');
    expect(buttons.find((b) => b.share)?.command).toBe('search lora');
    expect(reply.visibility).toBe('ephemeral');
  });

  it('pages through results without repeating them', async () => {
    const first = (await h.run('search lora')).blocks.filter((b) => b.type === 'card');
    const second = await h.run('search lora --page 2');
    const titles = second.blocks.flatMap((b) => (b.type === 'card' ? [b.card.title] : []));
    expect(titles.length).toBeGreaterThan(0);
    for (const card of first) if (card.type === 'card') expect(titles).not.toContain(card.card.title);
    expect(buttonsOf(second).find((b) => b.label === 'Previous page')?.command).toBe('search lora');
  });

  it('answers a search with no hits with advice, not an error', async () => {
    const reply = await h.run('search qwxzv plorkt');
    expect(reply.error).toBeUndefined();
    expect(visibleText(reply)).toBe('No papers match "qwxzv plorkt". Try fewer words, a nickname (lora, dpo) or an arXiv id.');
  });

  it('an empty search asks for words instead of saying nothing matches ""', async () => {
    for (const text of ['search ""', "search ''", 'search “ ”']) {
      const reply = await h.run(text);
      expect(reply.error, text).toBe(true);
      expect(visibleText(reply), text).toMatch(/`search` needs a query/);
      expect(visibleText(reply), text).not.toContain('No papers match');
    }
  });

  it('show gives the full card: authors, abstract, links, tags, sources, reading order and provenance', async () => {
    const reply = await h.run('show https://arxiv.org/abs/1706.03762v7');
    const card = reply.blocks.find((b) => b.type === 'card');
    if (card?.type !== 'card') throw new Error('no card');
    expect(card.card.title).toBe('Attention Is All You Need');
    expect(card.card.subtitle).toBe('Vaswani, Shazeer, Parmar et al. · 2017-06 · arXiv:1706.03762');
    expect(card.card.text).toMatch(/\n\nAbstract: The dominant sequence transduction models/);
    expect(card.card.links?.map((l) => l.label)).toEqual(expect.arrayContaining(['arXiv', 'PDF', 'DOI']));
    const fields = Object.fromEntries((card.card.fields ?? []).map((f) => [f.label, f.value]));
    expect(fields['Reading order']).toBe("#1 on the club's reading list");
    expect(fields['Authors']).toBe('Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, Aidan N. Gomez, Łukasz Kaiser and Illia Polosukhin');
    expect(fields['Listed in']).toBe('llm-paper-notes');
    expect(fields['Data from']).toBe('compiled from public references, high confidence; day of v1 unknown (not yet checked against the arXiv API)');
    expect(card.card.footer).toBe('paperclub id: 1706.03762');
    const commands = buttonsOf(reply).map((b) => b.command);
    expect(commands).toEqual(expect.arrayContaining(['cite 1706.03762 bibtex', 'cite 1706.03762 apa', 'club add 1706.03762', 'show 1706.03762']));
    expect(buttonsOf(reply).find((b) => b.share)?.command).toBe('show 1706.03762');
  });

  it('show lists authors when the library has them', async () => {
    const entry = h.services.library.entries.find((e) => e.authors.length >= 2 && e.arxivId);
    if (!entry) throw new Error('the seeds have papers with authors');
    const reply = await h.run(`show ${entry.id}`);
    const card = reply.blocks.find((b) => b.type === 'card');
    const first = entry.authors[0]!;
    const name = 'literal' in first ? first.literal : first.family;
    expect(card?.type === 'card' && card.card.subtitle).toContain(name);
  });

  it('show and cite say clearly when nothing matches', async () => {
    for (const text of ['show 2999.99999', 'cite 2999.99999', 'show qwxzv plorkt']) {
      const reply = await h.run(text);
      expect(reply.error).toBe(true);
      expect(visibleText(reply)).toMatch(/^No paper in the library matches "/);
    }
  });

  it('cite defaults to BibTeX with the arXiv eprint, and offers the other formats', async () => {
    const reply = await h.run('cite lora');
    const code = reply.blocks.find((b) => b.type === 'code');
    if (code?.type !== 'code') throw new Error('no code block');
    expect(code.language).toBe('bibtex');
    expect(code.text).toMatch(/^@\w+\{/);
    expect(code.text).toContain('2106.09685');
    expect(code.text).toMatch(/eprint\s*=/);
    const labels = buttonsOf(reply).map((b) => b.label);
    expect(labels).toEqual(['BibLaTeX', 'RIS', 'CSL-JSON', 'APA', 'Vancouver', 'Harvard', 'Share in channel']);
  });

  it('cite reads a trailing format alias, and refuses a format it does not make instead of searching for it', async () => {
    const dpo = await h.run('cite dpo');
    expect(dpo.summary).toBe('BibTeX citation: Direct Preference Optimization: Your Language Model is Secretly a Reward Model');
    // `bib` is an alias: the same paper in BibTeX (it used to search for "dpo bib": Trust Region DPO).
    expect((await h.run('cite dpo bib')).summary).toBe(dpo.summary);
    expect((await h.run('cite dpo CSL')).summary).toBe('CSL-JSON citation: Direct Preference Optimization: Your Language Model is Secretly a Reward Model');
    for (const format of ['mla', 'json', 'Chicago']) {
      const reply = await h.run(`cite dpo ${format}`);
      expect(reply.error, format).toBe(true);
      expect(visibleText(reply), format).toContain(`"${format}" is not a format; choose one of: bibtex, biblatex, ris, csl-json, apa, vancouver, harvard.`);
    }
    // A format alone is still a search ("cite apa" looks for a paper called apa), and quotes keep a word in the query.
    expect(visibleText(await h.run('cite mla'))).not.toContain('is not a format');
    expect(visibleText(await h.run('cite dpo "mla"'))).not.toContain('is not a format');
  });

  it('cite 2106.09685 is LoRA under its first author’s key, with all eight authors', async () => {
    const reply = await h.run('cite 2106.09685');
    const code = reply.blocks.find((b) => b.type === 'code');
    if (code?.type !== 'code') throw new Error('no code block');
    expect(code.text.startsWith('@misc{hu2021lora,\n')).toBe(true);
    expect(code.text).toContain(
      '\tauthor = {Hu, Edward J. and Shen, Yelong and Wallis, Phillip and Allen-Zhu, Zeyuan and Li, Yuanzhi and Wang, Shean and Wang, Lu and Chen, Weizhu},',
    );
    expect(code.text).toContain('\ttitle = {{LoRA}: Low-Rank Adaptation of Large Language Models},');
  });

  it('cite in APA names arXiv and the DOI', async () => {
    const reply = await h.run('cite "attention is all you need" apa');
    const code = reply.blocks.find((b) => b.type === 'code');
    expect(code?.type === 'code' && code.text).toMatch(/arXiv/);
    expect(code?.type === 'code' && code.text).toContain('10.48550/arXiv.1706.03762');
  });

  it('state commands explain that Redis is missing', async () => {
    const reply = await h.run('topics list');
    expect(reply.error).toBe(true);
    expect(visibleText(reply)).toContain('Channel settings need Redis, which is not running: not running in this test');
    expect(visibleText(reply)).toContain('Search, show and cite still work.');
  });

  it('status still reports the library without Redis', async () => {
    const reply = await h.run('status');
    const text = visibleText(reply);
    expect(text).toContain(`${h.services.library.size} papers`);
    expect(text).toContain('unavailable (Redis is not running)');
    expect(reply.error).toBeUndefined();
  });

  it('autocomplete answers at most 25 choices within 100 characters', () => {
    const all = autocompletePapers(h.services, '');
    expect(all.length).toBe(Math.min(25, h.services.library.size));
    const lora = autocompletePapers(h.services, 'lora');
    expect(lora[0]?.value).toBe('2106.09685');
    for (const choice of [...all, ...lora, ...autocompletePapers(h.services, 'x'.repeat(5000))]) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('help lists every command and explains one in detail', async () => {
    const all = visibleText(await h.run('help'));
    for (const name of ['search', 'show', 'cite', 'topics add', 'club next', 'digest schedule', 'status']) expect(all).toContain(`/paper ${name}`);
    const club = await h.run('help club');
    const text = visibleText(club);
    expect(text).toContain('/paper club add <paper>  (admins)');
    expect(text).toContain('/paper club add 2305.18290');
    expect(text).not.toContain('/paper search');
  });
});
