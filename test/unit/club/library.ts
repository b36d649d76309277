/** A small library for the archive and calendar tests: the citation tests' entries plus a hostile title. */
import { Library } from '../../../src/library/library.ts';
import { makeEntry } from '../../helpers/entries.ts';
import { chainOfThought, stMoe } from '../citations/entries.ts';
import { emptyImportReport } from '../../../src/library/report.ts';

/** Known by its acronym too, so a.k.a. search and calendar names are exercised. */
export const cot = { ...chainOfThought, aka: ['CoT'] };
export { stMoe };

export const sneaky = makeEntry({
  id: 'sneaky-title',
  title: 'Commas, semicolons; and\nnewlines: a title <!channel> that tries everything',
  links: [{ url: 'https://blog.example/post', kind: 'web' }],
  authors: [{ literal: 'Müller Lab' }],
  year: 2024,
});

export function testLibrary(): Library {
  return new Library([cot, stMoe, sneaky], emptyImportReport());
}
