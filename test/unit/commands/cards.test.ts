import { describe, expect, it } from 'vitest';
import { PaperclubError } from '../../../src/errors.ts';
import { authorsLine, errorMessage, fullAuthorsLine, ordinal, paperCard, paperCardMessage, paperLinks, sharedMessage } from '../../../src/messages/cards.ts';
import type { Author } from '../../../src/library/types.ts';
import { makeEntry } from '../../helpers/entries.ts';

const entry = makeEntry({
  id: '2106.09685',
  kind: 'arxiv',
  title: 'LoRA: Low-Rank Adaptation of Large Language Models',
  authors: [{ given: 'Edward J.', family: 'Hu' }, { given: 'Yelong', family: 'Shen' }, { literal: 'Microsoft' }, { given: 'Weizhu', family: 'Chen' }],
  year: 2021,
  date: '2021-06',
  arxivId: '2106.09685',
  doi: '10.48550/arXiv.2106.09685',
  links: [
    { url: 'https://arxiv.org/abs/2106.09685', kind: 'abs' },
    { url: 'https://github.com/microsoft/LoRA', kind: 'code', label: 'GitHub Repo' },
    { url: 'papers/lora/2106.09685.pdf', kind: 'local' },
  ],
  aka: ['LoRA'],
  affiliation: 'Microsoft',
  tags: ['PEFT', 'Fine-tuning'],
  summary: ['Freeze the weights.', 'Train low-rank updates.'],
  takeaway: 'One rank is all you need',
  readingOrder: 11,
  categories: ['cs.CL'],
  primaryCategory: 'cs.CL',
  sources: [{ file: 'a.md', line: 3, list: 'Awesome LLM Papers' }, { file: 'b.md', line: 40, list: 'llm-paper-notes' }],
});

describe('paper cards', () => {
  it('writes authors by family name, "et al." beyond three or when the list was cut', () => {
    const person = (given: string, family: string): Author => ({ given, family });
    expect(authorsLine([person('Jieyi', 'Long')])).toBe('Long');
    expect(authorsLine([person('Ronen', 'Eldan'), person('Yuanzhi', 'Li')])).toBe('Eldan and Li');
    expect(authorsLine(entry.authors.slice(0, 3))).toBe('Hu, Shen and Microsoft');
    expect(authorsLine(entry.authors)).toBe('Hu, Shen, Microsoft et al.');
    expect(authorsLine([person('Nan', 'Du'), person('Yanping', 'Huang')], true)).toBe('Du, Huang et al.');
    expect(authorsLine([])).toBe('');
    expect(fullAuthorsLine(entry.authors)).toBe('Edward J. Hu, Yelong Shen, Microsoft and Weizhu Chen');
    expect(fullAuthorsLine(entry.authors, true)).toBe('Edward J. Hu, Yelong Shen, Microsoft, Weizhu Chen et al.');
    const many = Array.from({ length: 51 }, (_, i) => person('A', `Author${i + 1}`));
    expect(fullAuthorsLine(many)).toMatch(/^A Author1, .*A Author20 and 31 more$/);
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '111th']);
  });

  it('lists abs, PDF and DOI first, then public links once, never local paths', () => {
    expect(paperLinks(entry)).toEqual([
      { label: 'arXiv', url: 'https://arxiv.org/abs/2106.09685' },
      { label: 'PDF', url: 'https://arxiv.org/pdf/2106.09685' },
      { label: 'DOI', url: 'https://doi.org/10.48550/arXiv.2106.09685' },
      { label: 'GitHub Repo', url: 'https://github.com/microsoft/LoRA' },
    ]);
  });

  it('builds the full card with every section', () => {
    const card = paperCard(entry, { queuePosition: 2 });
    expect(card).toMatchObject({
      title: entry.title,
      url: 'https://arxiv.org/abs/2106.09685',
      subtitle: 'Hu, Shen, Microsoft et al. · 2021-06 · arXiv:2106.09685',
      text: 'One rank is all you need\n\n• Freeze the weights.\n• Train low-rank updates.',
      footer: 'paperclub id: 2106.09685',
    });
    expect(card.fields).toEqual([
      { label: 'Authors', value: 'Edward J. Hu, Yelong Shen, Microsoft and Weizhu Chen' },
      { label: 'Also known as', value: 'LoRA', inline: true },
      { label: 'Tags', value: 'PEFT, Fine-tuning', inline: true },
      { label: 'Affiliation', value: 'Microsoft', inline: true },
      { label: 'Reading order', value: "#11 on the club's reading list; 2nd in this channel's queue", inline: true },
      { label: 'Listed in', value: 'Awesome LLM Papers, llm-paper-notes' },
      { label: 'Data from', value: 'the reading lists only' },
    ]);
  });

  it('shows the abstract after the takeaway and notes, and says where the data came from', () => {
    const enriched = {
      ...entry,
      abstract: 'We propose Low-Rank Adaptation, or LoRA.',
      provenance: { source: 'compiled-references' as const, confidence: 'high' as const, dateFrom: 'id' as const, sources: [], notes: '' },
    };
    const card = paperCard(enriched);
    expect(card.text).toBe('One rank is all you need\n\n• Freeze the weights.\n• Train low-rank updates.\n\nAbstract: We propose Low-Rank Adaptation, or LoRA.');
    expect(card.fields!.at(-1)).toEqual({ label: 'Data from', value: 'compiled from public references, high confidence; day of v1 unknown (not yet checked against the arXiv API)' });
    expect(paperCard({ ...enriched, provenance: { source: 'arxiv-api' } }).fields!.at(-1)!.value).toBe("arXiv's own record (arXiv API)");
    // Compact cards (search results, alerts) stay short: no abstract, no provenance.
    expect(paperCard(enriched, { compact: true }).text).toBe('One rank is all you need');
  });

  it('names each list once, by its name, not its file', () => {
    const twice = { ...entry, sources: [...entry.sources, { file: 'b.md', line: 90, list: 'llm-paper-notes' }] };
    expect(paperCard(twice).fields!.find((f) => f.label === 'Listed in')!.value).toBe('Awesome LLM Papers, llm-paper-notes');
  });

  it('builds a compact card for lists and alerts', () => {
    expect(paperCard(entry, { compact: true })).toEqual({
      title: entry.title,
      url: 'https://arxiv.org/abs/2106.09685',
      subtitle: 'Hu, Shen, Microsoft et al. · 2021-06 · arXiv:2106.09685',
      text: 'One rank is all you need',
      footer: 'PEFT, Fine-tuning',
    });
  });

  it('sharing drops only the share buttons and posts for everyone', () => {
    const message = paperCardMessage(entry, {
      buttons: [
        { label: 'Cite APA', command: 'cite 2106.09685 apa' },
        { label: 'Share in channel', command: 'show 2106.09685', share: true },
      ],
    });
    expect(message.visibility).toBe('ephemeral');
    const shared = sharedMessage(message);
    expect(shared.visibility).toBe('in_channel');
    expect(shared.blocks.at(-1)).toEqual({ type: 'actions', buttons: [{ label: 'Cite APA', command: 'cite 2106.09685 apa' }] });
  });

  it('never shares a failed answer: it stays private to the person who asked', () => {
    const failed = errorMessage(new PaperclubError('paper_not_found', 'No paper in the library matches "x".'));
    expect(sharedMessage(failed)).toEqual(failed);
    expect(sharedMessage(failed).visibility).toBe('ephemeral');
  });

  it('errors are friendly, ephemeral and marked', () => {
    const known = errorMessage(new PaperclubError('paper_not_found', 'No paper in the library matches "x".'));
    expect(known).toEqual({
      visibility: 'ephemeral',
      summary: 'No paper in the library matches "x".',
      error: true,
      blocks: [
        { type: 'text', text: 'No paper in the library matches "x".' },
        { type: 'context', text: 'Try `/paper search <words from the title>`.' },
      ],
    });
    const unknown = errorMessage(new RangeError('index 7 out of range at Foo.bar (/src/x.ts:3:9)'));
    expect(JSON.stringify(unknown)).not.toContain('x.ts');
    expect(unknown.blocks).toEqual([{ type: 'text', text: 'Sorry, something went wrong on our side while handling that. It has been logged.' }]);
  });
});
