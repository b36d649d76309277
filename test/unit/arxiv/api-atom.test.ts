import { describe, expect, it } from 'vitest';
import { parseApiAtom } from '../../../src/arxiv/api-atom.ts';
import { arxivFixture } from './fixtures.ts';

describe('parseApiAtom', () => {
  it('parses an id_list reply: the one known paper, field by field', async () => {
    const result = await parseApiAtom(arxivFixture('api-atom-idlist-two-ids.xml'));
    if (!result.ok) throw new Error(result.message);
    expect(result.totalResults).toBe(1);
    expect(result.entries).toHaveLength(1);
    const [entry] = result.entries;
    expect(entry).toMatchObject({
      arxivId: '1707.08567',
      version: 1,
      title: 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications',
      published: '2017-07-27T08:18:33Z',
      updated: '2017-07-27T08:18:33Z',
      categories: ['cs.IT'],
      primaryCategory: 'cs.IT',
      doi: null,
      journalRef: null,
      comment: '44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck',
    });
    expect(entry!.authors).toHaveLength(34);
    expect(entry!.authors[0]).toEqual({ name: 'Kees A. Schouhamer Immink' });
    expect(entry!.abstract.startsWith('The 10th Asia-Europe workshop in "Concepts in Information Theory')).toBe(true);
  });

  it('parses a search reply: versions, every category, DOI, journal ref, collapsed whitespace', async () => {
    const result = await parseApiAtom(arxivFixture('api-atom-search-testing-10.xml'));
    if (!result.ok) throw new Error(result.message);
    expect(result.totalResults).toBe(214881);
    expect(result.entries.map((e) => `${e.arxivId}v${e.version}`)).toEqual([
      '2202.12139v1',
      '2405.13786v1',
      '2005.14124v2',
      '2204.08348v3',
      '2302.03287v3',
      '1202.4527v1',
      '2503.05378v2',
      '1205.1866v1',
      '2502.07719v2',
      '1812.11470v1',
    ]);
    const first = result.entries[0]!;
    expect(first.categories).toEqual(['cs.SE', 'cs.LG']);
    expect(first.primaryCategory).toBe('cs.SE');
    expect(first.doi).toBe('10.1109/ICSTW55395.2022.00035');
    expect(first.journalRef).toMatch(/^Artificial Intelligence in Software Testing @ 2022 IEEE/);
    expect(first.authors.map((a) => a.name)).toEqual(['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker']);
    for (const entry of result.entries) {
      expect(entry.title).not.toMatch(/\s{2,}|\n/);
      expect(entry.abstract).not.toMatch(/\s{2,}|\n/);
      expect(entry.abstract.length).toBeGreaterThan(50);
      expect(entry.categories).toContain(entry.primaryCategory);
    }
  });

  it('keeps every author affiliation, decodes entities, and leaves absent fields null', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/2106.09685v2</id>
    <title>LoRA &amp; friends</title>
    <author><name>Edward J. Hu</name><arxiv:affiliation>Microsoft</arxiv:affiliation><arxiv:affiliation>Mila</arxiv:affiliation></author>
    <author><name>Yelong Shen</name></author>
    <arxiv:doi>10.1000/xyz</arxiv:doi>
  </entry>
</feed>`;
    const result = await parseApiAtom(xml);
    if (!result.ok) throw new Error(result.message);
    expect(result).toMatchObject({ totalResults: null });
    expect(result.entries[0]).toMatchObject({
      arxivId: '2106.09685',
      version: 2,
      title: 'LoRA & friends',
      authors: [{ name: 'Edward J. Hu', affiliation: 'Microsoft; Mila' }, { name: 'Yelong Shen' }],
      doi: '10.1000/xyz',
      journalRef: null,
      primaryCategory: null,
      categories: [],
    });
  });

  it('reports an RSS document as malformed (the API always answers Atom)', async () => {
    expect(await parseApiAtom('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')).toMatchObject({
      ok: false,
      kind: 'malformed',
      message: 'no Atom <feed> element',
    });
  });

  it('reports the API error entry of a 400 reply with its message', async () => {
    expect(await parseApiAtom(arxivFixture('api-atom-error-400-bad-id.xml'))).toEqual({
      ok: false,
      kind: 'api_error',
      message: 'incorrect id format for abc',
      errorId: 'https://arxiv.org/api/errors#incorrect_id_format_for_abc',
    });
  });

  it('returns no entries for a zero-result reply', async () => {
    expect(await parseApiAtom(arxivFixture('api-atom-idlist-no-results.xml'))).toEqual({ ok: true, entries: [], totalResults: 0 });
  });

  it('reports a body cut off mid-entry as malformed', async () => {
    const xml = arxivFixture('api-atom-search-testing-10.xml');
    const result = await parseApiAtom(xml.slice(0, Math.floor(xml.length / 2)));
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ kind: 'malformed' });
  });

  it('reports a well-formed document that is not an Atom feed as malformed', async () => {
    expect(await parseApiAtom('<html><body>Service unavailable</body></html>')).toMatchObject({ ok: false, kind: 'malformed' });
  });
});
