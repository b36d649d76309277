import { describe, expect, it } from 'vitest';
import { parseMonthYear, parseLongDate, parseIsoDate } from '../../../src/library/dates.ts';
import { linkKind, normaliseUrl } from '../../../src/library/links.ts';
import { parseAndList, parseChicagoAuthors, parseName } from '../../../src/library/names.ts';
import { parseBibtexFields } from '../../../src/library/bibtex.ts';

describe('names', () => {
  it('parses the three spellings', () => {
    expect(parseName('Christopher D. Manning')).toEqual({ given: 'Christopher D.', family: 'Manning' });
    expect(parseName('Rafailov, Rafael')).toEqual({ given: 'Rafael', family: 'Rafailov' });
    expect(parseName('emozilla')).toEqual({ literal: 'emozilla' });
    expect(parseName(':')).toBeNull();
    expect(parseAndList('01. AI and : and Alex Young')).toEqual({ authors: [{ literal: '01.AI' }, { given: 'Alex', family: 'Young' }], truncated: false, dropped: [':'] });
    expect(parseAndList('A B and others').truncated).toBe(true);
    expect(parseChicagoAuthors('Eldan, Ronen, and Yuanzhi Li.').authors).toEqual([
      { given: 'Ronen', family: 'Eldan' },
      { given: 'Yuanzhi', family: 'Li' },
    ]);
  });
});

describe('dates', () => {
  it.each([
    ['February. 2023', '2023-02'],
    ['Oct.2023', '2023-10'],
    ['Jun. 2019', '2019-06'],
    ['Sept 2021', '2021-09'],
    ['2023', '2023'],
    ['soon', null],
  ])('%s → %s', (text, iso) => {
    expect(parseMonthYear(text)).toBe(iso);
  });
  it('reads long and ISO dates', () => {
    expect(parseLongDate('arXiv, April 29, 2022.')).toBe('2022-04-29');
    expect(parseIsoDate('Start 2023-03')).toBe('2023-03');
  });
});

describe('links', () => {
  it('adds a scheme to host-like links and keeps local paths', () => {
    expect(normaliseUrl('arxiv.org/abs/2310.12036')).toBe('https://arxiv.org/abs/2310.12036');
    expect(normaliseUrl('papers/x/2201.11903.pdf')).toBe('papers/x/2201.11903.pdf');
  });
  it.each([
    ['https://arxiv.org/html/2403.17887v1', 'html'],
    ['https://x.com/AlexReibman/status/1', 'discussion'],
    ['https://cdn.openai.com/research-covers/language-unsupervised/language_understanding_paper.pdf', 'pdf'],
    ['https://huggingface.co/papers/2404.02575', 'web'],
    ['https://github.com/a/b', 'code'],
  ])('%s is %s', (url, kind) => {
    expect(linkKind(url)).toBe(kind);
  });
});

describe('bibtex fields', () => {
  it('reads braced, quoted and bare values', () => {
    expect(parseBibtexFields('@article{k,\n title={A {B} C},\n year=2020,\n doi="10.1/x"\n}')).toEqual({
      type: 'article',
      key: 'k',
      fields: { title: 'A {B} C', year: '2020', doi: '10.1/x' },
    });
    expect(parseBibtexFields('not bibtex')).toBeNull();
  });
});
