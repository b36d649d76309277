import { describe, expect, it } from 'vitest';
import { renderEntry } from '../../../src/cli/text.ts';
import { makeEntry } from '../../helpers/entries.ts';

describe('show: the plain-text card', () => {
  it('keeps a space between every label and its value, the longest labels included', () => {
    const text = renderEntry(
      makeEntry({
        id: '2106.09685',
        arxivId: '2106.09685',
        title: 'LoRA: Low-Rank Adaptation of Large Language Models',
        aka: ['LoRA'],
        readingOrder: 11,
        takeaway: 'One rank is all you need',
      }),
    );
    const fields = text.split('\n').slice(2).filter((line) => /^[A-Z][A-Za-z ]+:\s/.test(line));
    expect(fields).toContain('Also known as:  LoRA');
    expect(fields).toContain('Reading order:  #11');
    // One column for every value.
    const columns = new Set(fields.map((line) => line.search(/(?<=:\s+)\S/)));
    expect(columns.size).toBe(1);
  });
});
