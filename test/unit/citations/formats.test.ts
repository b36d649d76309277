import { describe, expect, it } from 'vitest';
import { CITATION_FORMATS, parseCitationFormat } from '../../../src/citations/formats.ts';

describe('parseCitationFormat', () => {
  it('accepts every format by its own name, in any case', () => {
    for (const format of CITATION_FORMATS) {
      expect(parseCitationFormat(format)).toBe(format);
      expect(parseCitationFormat(format.toUpperCase())).toBe(format);
    }
  });

  it('accepts the common aliases', () => {
    expect(parseCitationFormat('CSL')).toBe('csl-json');
    expect(parseCitationFormat('csljson')).toBe('csl-json');
    expect(parseCitationFormat(' bib ')).toBe('bibtex');
    expect(parseCitationFormat('harvard1')).toBe('harvard');
  });

  it('rejects unknown names and the ambiguous "json"', () => {
    expect(parseCitationFormat('json')).toBeNull();
    expect(parseCitationFormat('mla')).toBeNull();
    expect(parseCitationFormat('')).toBeNull();
  });
});
