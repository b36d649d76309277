import { describe, expect, it } from 'vitest';
import { parseApiAtom } from '../../../src/arxiv/api-atom.ts';
import { metadataToPaperEntry } from '../../../src/arxiv/paper-entry.ts';
import { parseName } from '../../../src/library/names.ts';
import { arxivFixture } from './fixtures.ts';

describe('arXiv author names (parsed like the lists\' names)', () => {
  it('splits given and family names, keeping particles with the family name', async () => {
    expect(parseName('Kees A. Schouhamer Immink')).toEqual({ given: 'Kees A. Schouhamer', family: 'Immink' });
    expect(parseName('Peter H. N. de With')).toEqual({ given: 'Peter H. N.', family: 'de With' });
    expect(parseName('Joost van der Putten')).toEqual({ given: 'Joost', family: 'van der Putten' });
    expect(parseName('emozilla')).toEqual({ literal: 'emozilla' });
  });
});

describe('metadataToPaperEntry', () => {
  it('builds an arXiv library entry with canonical links, the journal DOI and no sources', async () => {
    const result = await parseApiAtom(arxivFixture('api-atom-search-testing-10.xml'));
    if (!result.ok) throw new Error(result.message);
    const entry = metadataToPaperEntry(result.entries[0]!);
    expect(entry).toMatchObject({
      id: '2202.12139',
      kind: 'arxiv',
      arxivId: '2202.12139',
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      year: 2022,
      date: '2022-02-24',
      doi: '10.1109/ICSTW55395.2022.00035',
      categories: ['cs.SE', 'cs.LG'],
      primaryCategory: 'cs.SE',
      sources: [],
      tags: [],
    });
    expect(entry.authors[0]).toEqual({ given: 'Mohit Kumar', family: 'Ahuja' });
    expect(entry.links).toEqual([
      { url: 'https://arxiv.org/abs/2202.12139', kind: 'abs' },
      { url: 'https://arxiv.org/pdf/2202.12139', kind: 'pdf' },
      { url: 'https://doi.org/10.1109/ICSTW55395.2022.00035', kind: 'doi' },
    ]);
    expect(entry.abstract).toMatch(/^Deep Learning \(DL\) has revolutionized/);
  });

  it('falls back to the arXiv DOI when the API gives no journal DOI', async () => {
    const result = await parseApiAtom(arxivFixture('api-atom-idlist-two-ids.xml'));
    if (!result.ok) throw new Error(result.message);
    const entry = metadataToPaperEntry(result.entries[0]!);
    expect(entry.doi).toBe('10.48550/arXiv.1707.08567');
    expect(entry.links.map((l) => l.kind)).toEqual(['abs', 'pdf']);
  });
});
