import { describe, expect, it } from 'vitest';
import { toCsl } from '../../../src/citations/csl.ts';
import { primaryUrl } from '../../../src/citations/entry-url.ts';
import { chainOfThought, dynamicRope, jsonformer, maldacena, resnet, yi } from './entries.ts';

describe('toCsl', () => {
  it('makes an arXiv paper a CSL article published by arXiv', () => {
    expect(toCsl(chainOfThought)).toEqual({
      id: 'wei2022chainofthought',
      'citation-key': 'wei2022chainofthought',
      type: 'article',
      title: 'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models',
      author: chainOfThought.authors,
      issued: { 'date-parts': [[2022, 1, 28]] },
      publisher: 'arXiv',
      number: 'arXiv:2201.11903',
      DOI: '10.48550/arXiv.2201.11903',
      URL: 'https://arxiv.org/abs/2201.11903',
    });
  });

  it('keeps organisation authors literal and names structured', () => {
    const item = toCsl(yi);
    expect(item.author?.[0]).toEqual({ literal: '01.AI' });
    expect(item.author?.[1]).toEqual({ given: 'Alex', family: 'Young' });
    expect(item.author).toHaveLength(31);
  });

  it('gives an arXiv paper without a stored DOI the arXiv DOI, also for old-style ids', () => {
    const item = toCsl({ ...maldacena, doi: null });
    expect(item.DOI).toBe('10.48550/arXiv.hep-th/9711200');
    expect(item.URL).toBe('https://arxiv.org/abs/hep-th/9711200');
    expect(item.issued).toEqual({ 'date-parts': [[1997, 11]] });
  });

  it('cites a web entry as a webpage with its URL and no DOI', () => {
    const item = toCsl(dynamicRope);
    expect(item.type).toBe('webpage');
    expect(item.URL).toBe('https://www.reddit.com/r/LocalLLaMA/comments/14mrgpr/dynamically_scaled_rope_further_increases/');
    expect(item.DOI).toBeUndefined();
    expect(item.author).toEqual([{ literal: 'emozilla' }]);
    expect(item.issued).toEqual({ 'date-parts': [[2023, 6, 30]] });
  });

  it('leaves out what is unknown rather than inventing it', () => {
    const item = toCsl(jsonformer);
    expect(item.author).toBeUndefined();
    expect(item.issued).toBeUndefined();
    expect(item.URL).toBe('https://github.com/1rgs/jsonformer');
  });

  it('makes a DOI-only work a journal article resolved through doi.org', () => {
    const item = toCsl(resnet);
    expect(item.type).toBe('article-journal');
    expect(item.DOI).toBe('10.1109/CVPR.2016.90');
    expect(item.URL).toBe('https://doi.org/10.1109/CVPR.2016.90');
    expect(item.issued).toEqual({ 'date-parts': [[2016]] });
  });

  it('uses the key it is given', () => {
    expect(toCsl(chainOfThought, 'wei2022chainofthoughtb').id).toBe('wei2022chainofthoughtb');
  });
});

describe('primaryUrl', () => {
  it('never offers a local file path', () => {
    expect(primaryUrl({ ...jsonformer, links: [{ url: 'papers/x/1.pdf', kind: 'local' }] })).toBeNull();
  });
});
