/** The one DOI parser and the core's link resolver (used by Slack unfurls; once lived in the adapter). */
import { describe, expect, it } from 'vitest';
import { doiOf } from '../../../src/library/links.ts';
import { silentLogger } from '../../../src/log.ts';
import type { ArxivLookup } from '../../../src/ports.ts';
import { resolvePaperLink, type LinkLookups } from '../../../src/search/resolve.ts';
import { makeEntry } from '../../helpers/entries.ts';

describe('doiOf', () => {
  it.each([
    ['10.1038/s41586-021-03819-2', '10.1038/s41586-021-03819-2'],
    ['doi:10.1038/nature14539', '10.1038/nature14539'],
    ['DOI: 10.1038/nature14539', '10.1038/nature14539'],
    ['https://doi.org/10.1145/3442188.3445922', '10.1145/3442188.3445922'],
    ['http://dx.doi.org/10.1145/3442188.3445922', '10.1145/3442188.3445922'],
    ['https://www.doi.org/10.1145/3442188.3445922', '10.1145/3442188.3445922'],
    ['doi.org/10.1145/3442188.3445922', '10.1145/3442188.3445922'],
    ['https://doi.org/10.1145/3442188.3445922?utm_source=x#top', '10.1145/3442188.3445922'],
    ['https://doi.org/10.1002/%28SICI%291097-4636', '10.1002/(SICI)1097-4636'],
    ['https://doi.org/10.1000/100%', '10.1000/100%'],
    ['https://doi.org/10.48550/ARXIV.2202.08906', '10.48550/ARXIV.2202.08906'],
  ])('reads %s', (text, doi) => {
    expect(doiOf(text)).toBe(doi);
  });

  it.each(['', 'lora', '10.1/x', 'https://example.org/10.1145/3442188', 'https://doi.org/', 'https://doi.org/10.1000/a%20b'])('refuses %s', (text) => {
    expect(doiOf(text)).toBeNull();
  });
});

describe('resolvePaperLink', () => {
  const lora = makeEntry({ id: '2106.09685', title: 'LoRA', arxivId: '2106.09685' });
  const stochastic = makeEntry({ id: 'stochastic-parrots', title: 'On the Dangers of Stochastic Parrots', doi: '10.1145/3442188.3445922' });
  const library = {
    get: (id: string) => [lora, stochastic].find((e) => e.id === id),
    lookup: (id: string) => [lora, stochastic].find((e) => e.id === id || e.arxivId === id || e.doi?.toLowerCase() === id.toLowerCase()),
  };
  const arxivAsked: string[] = [];
  const arxiv: ArxivLookup = {
    async lookup(id) {
      arxivAsked.push(id);
      if (id === '2999.00001') throw new Error('arXiv is down');
      return makeEntry({ id, title: `From arXiv: ${id}`, arxivId: id });
    },
  };
  const lookups: LinkLookups = { library, arxiv };
  const log = silentLogger();

  it('prefers the library entry for any arXiv link form and never asks arXiv then', async () => {
    for (const url of ['https://arxiv.org/abs/2106.09685v2', 'https://arxiv.org/pdf/2106.09685', 'https://huggingface.co/papers/2106.09685']) {
      expect(await resolvePaperLink(url, lookups, log)).toBe(lora);
    }
    expect(arxivAsked).toEqual([]);
  });

  it('asks arXiv for an arXiv paper the library lacks, and leaves the link alone when arXiv fails', async () => {
    expect((await resolvePaperLink('https://arxiv.org/abs/2401.00001', lookups, log))?.title).toBe('From arXiv: 2401.00001');
    expect(await resolvePaperLink('https://arxiv.org/abs/2999.00001', lookups, log)).toBeNull();
    expect(await resolvePaperLink('https://arxiv.org/abs/2401.00001', { library }, log)).toBeNull();
  });

  it('resolves doi.org links through the library only', async () => {
    expect(await resolvePaperLink('https://doi.org/10.1145/3442188.3445922', lookups, log)).toBe(stochastic);
    expect(await resolvePaperLink('https://dx.doi.org/10.1145/3442188.3445922?ref=x', lookups, log)).toBe(stochastic);
    expect(await resolvePaperLink('https://doi.org/10.1000/unknown', lookups, log)).toBeNull();
    expect(await resolvePaperLink('https://example.org/paper', lookups, log)).toBeNull();
  });
});
