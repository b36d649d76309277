/** A small library for the archive and calendar tests. */
import { Library } from '../../../src/library/library.ts';
import { makeEntry } from '../../helpers/entries.ts';

export const lora = makeEntry({
  id: '2106.09685',
  arxivId: '2106.09685',
  title: 'LoRA: Low-Rank Adaptation of Large Language Models',
  aka: ['LoRA'],
  authors: [
    { given: 'Edward J.', family: 'Hu' },
    { given: 'Yelong', family: 'Shen' },
  ],
  year: 2021,
  date: '2021-06-17',
  doi: '10.48550/arXiv.2106.09685',
});

export const attention = makeEntry({
  id: '1706.03762',
  arxivId: '1706.03762',
  title: 'Attention Is All You Need',
  authors: [
    { given: 'Ashish', family: 'Vaswani' },
    { given: 'Noam', family: 'Shazeer' },
    { given: 'Niki', family: 'Parmar' },
    { given: 'Jakob', family: 'Uszkoreit' },
  ],
  year: 2017,
  date: '2017-06-12',
  doi: '10.48550/arXiv.1706.03762',
});

export const sneaky = makeEntry({
  id: 'sneaky-title',
  title: 'Commas, semicolons; and\nnewlines: a title <!channel> that tries everything',
  links: [{ url: 'https://blog.example/post', kind: 'web' }],
  authors: [{ literal: 'Müller Lab' }],
  year: 2024,
});

export function testLibrary(): Library {
  return new Library([lora, attention, sneaky], { files: [], merges: [], conflicts: [], repairs: [], missing: [], topics: [] });
}
