import { describe, expect, it } from 'vitest';
import { isPaperclubError } from '../../../src/errors.ts';
import { parseFeed, splitCreators, toAnnounceType, type FeedItem } from '../../../src/arxiv/feed-parse.ts';
import { arxivFixture } from './fixtures.ts';

function countByType(items: FeedItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.announceType] = (counts[item.announceType] ?? 0) + 1;
  return counts;
}

describe('parseFeed: current RSS 2.0 (quant-ph, 2025-04-28)', async () => {
  const feed = await parseFeed(arxivFixture('rss2-quant-ph-2025-04-28.xml'));

  it('reads every item with its announce type and the channel pubDate', () => {
    expect(feed.items).toHaveLength(81);
    expect(feed.skipped).toBe(0);
    expect(countByType(feed.items)).toEqual({ new: 40, cross: 10, replace: 22, 'replace-cross': 9 });
    expect(feed.feedDate).toBe('2025-04-28T04:00:00.000Z');
  });

  it('normalises an item: versionless id + version from the guid, abstract without the prefix', () => {
    expect(feed.items[0]).toEqual({
      arxivId: '2504.17830',
      version: 1,
      title: 'Self-Adjoint Time Operator in a Weighted Energy Space',
      authors: ['Radmir Kokoulin'],
      abstract: expect.stringMatching(/^We introduce a self-adjoint time operator \\\(T_w = .* leaves the Hamiltonian spectrum unbounded\.$/),
      categories: ['quant-ph'],
      announceType: 'new',
      link: 'https://arxiv.org/abs/2504.17830',
      published: '2025-04-28T04:00:00.000Z',
      doi: null,
      journalRef: null,
    });
  });

  it('keeps the journal DOI, journal reference and every category', () => {
    const item = feed.items.find((i) => i.arxivId === '2504.18342')!;
    expect(item).toMatchObject({
      announceType: 'cross',
      categories: ['nucl-ex', 'nucl-th', 'quant-ph'],
      doi: '10.1016/j.ppnp.2025.104174',
      journalRef: 'Progress in Particle and Nuclear Physics (2025)',
    });
    expect(feed.items.filter((i) => i.doi !== null)).toHaveLength(10);
  });

  it('reads later versions of replacements', () => {
    const item = feed.items.find((i) => i.arxivId === '2312.01259')!;
    expect(item).toMatchObject({ version: 3, announceType: 'replace-cross' });
    expect(item.categories).toEqual(['cond-mat.stat-mech', 'gr-qc', 'hep-ph', 'hep-th', 'quant-ph']);
  });

  it('splits dc:creator into names, dropping affiliations that contain commas', () => {
    const item = feed.items.find((i) => i.authors.includes('M. R. Nirmal'))!;
    expect(item.authors).toEqual(['M. R. Nirmal', 'Ankit Khandelwal', 'Manoj Nambiar', 'Sharma S. R. K. C. Yamijala']);
  });

  it('never leaves raw description markup in an abstract', () => {
    for (const item of feed.items) {
      expect(item.abstract).not.toMatch(/^arXiv:|Announce Type:/);
      expect(item.abstract.length).toBeGreaterThan(0);
    }
  });
});

describe('parseFeed: Atom variant (cs.AI, 2025-08-20)', async () => {
  const feed = await parseFeed(arxivFixture('rss-atom-cs.AI-2025-08-20-excerpt.xml'));

  it('reads the same fields from Atom elements', () => {
    expect(feed.items.map((i) => i.arxivId)).toEqual([
      '2508.13426',
      '2508.13428',
      '2508.13429',
      '2508.13434',
      '2508.13435',
      '2508.14001',
      '2508.14002',
    ]);
    expect(countByType(feed.items)).toEqual({ cross: 5, new: 2 });
    expect(feed.feedDate).toBe('2025-08-20T04:00:19.866Z');
    expect(feed.items[0]).toMatchObject({
      version: 1,
      title: 'ALIGN: Word Association Learning for Cross-Cultural Generalization in Large Language Models',
      authors: ['Chunhua Liu', 'Kabir Manandhar Shrestha', 'Sukai Huang'],
      categories: ['cs.CL', 'cs.AI'],
      link: 'https://arxiv.org/abs/2508.13426',
      published: '2025-08-20T04:00:00.000Z',
    });
    expect(feed.items[0]!.abstract).toMatch(/^As large language models \(LLMs\) increasingly mediate/);
  });

  it('normalises Atom category elements ({$: {term}}) to plain strings', () => {
    expect(feed.items[1]!.categories).toEqual(['cs.CV', 'cs.AI', 'cs.MM']);
  });
});

describe('parseFeed: malformed input', () => {
  it('rejects the truncated Atom download as a whole, with a retryable upstream error', async () => {
    const error = await parseFeed(arxivFixture('rss-atom-cs.AI-2025-08-20-truncated.xml')).catch((e: unknown) => e);
    expect(isPaperclubError(error)).toBe(true);
    if (!isPaperclubError(error)) return;
    expect(error.code).toBe('upstream_failed');
    expect(error.context).toMatchObject({ retryable: true, reason: 'malformed_feed' });
    expect(error.message).toMatch(/not a well-formed RSS\/Atom document: Unclosed root tag/);
  });

  it('rejects a current RSS feed cut off mid-item', async () => {
    const xml = arxivFixture('rss2-quant-ph-2025-04-28.xml');
    await expect(parseFeed(xml.slice(0, xml.length / 2))).rejects.toMatchObject({ code: 'upstream_failed' });
  });

  it('rejects a body that is not a feed, and an empty body', async () => {
    await expect(parseFeed('<html><body>maintenance</body></html>')).rejects.toMatchObject({ code: 'upstream_failed' });
    await expect(parseFeed('')).rejects.toMatchObject({ code: 'upstream_failed' });
  });
});

describe('parseFeed: retired RSS 1.0/RDF feed (cs, 2018-08-30)', async () => {
  const feed = await parseFeed(arxivFixture('rss1-rdf-cs-2018-08-30.xml'));

  it('parses it: titles carry id, version and primary category; UPDATED marks replacements', () => {
    expect(feed.items).toHaveLength(185);
    expect(feed.feedDate).toBe('2018-08-31T01:30:00.000Z');
    const counts = countByType(feed.items);
    expect((counts['replace'] ?? 0) + (counts['replace-cross'] ?? 0)).toBe(74);
    expect(feed.items.find((i) => i.arxivId === '1301.1107')).toMatchObject({
      version: 6,
      title: 'Spectral Condition-Number Estimation of Large Sparse Matrices',
      categories: ['cs.NA'],
      announceType: 'replace',
    });
  });

  it('marks papers whose primary category is outside the channel as cross-lists, and strips HTML', () => {
    expect(feed.items[0]).toMatchObject({
      arxivId: '1808.09955',
      version: 1,
      title: 'QuasarNET: Human-level spectral classification and redshifting with Deep Neural Networks',
      authors: ['Nicolas Busca', 'Christophe Balland'],
      categories: ['astro-ph.IM'],
      announceType: 'cross',
      published: null,
    });
    expect(feed.items[0]!.abstract).toMatch(/^We introduce QuasarNET, a deep convolutional neural network that performs classification/);
    expect(feed.items[0]!.abstract).not.toMatch(/<p>|<\/p>/);
    expect(feed.items.find((i) => i.arxivId === '1808.09964')).toMatchObject({ categories: ['cs.LG'], announceType: 'new' });
  });
});

describe('helpers', () => {
  it('maps unknown announce types to other', () => {
    expect(['new', 'cross', 'replace', 'replace-cross', 'Replace', 'withdrawn', '', undefined].map(toAnnounceType)).toEqual([
      'new',
      'cross',
      'replace',
      'replace-cross',
      'replace',
      'other',
      'other',
      'other',
    ]);
  });

  it('splits creator strings on top-level commas and a final "and"', () => {
    expect(splitCreators('A. Author (Univ X, Dept Y), B. Author, C. Author')).toEqual(['A. Author', 'B. Author', 'C. Author']);
    expect(splitCreators('Ann Lee, Bo Chen and Cy Dee')).toEqual(['Ann Lee', 'Bo Chen', 'Cy Dee']);
    expect(splitCreators('Anand Rao, Alexander Sandberg')).toEqual(['Anand Rao', 'Alexander Sandberg']);
    expect(splitCreators('')).toEqual([]);
  });
});
