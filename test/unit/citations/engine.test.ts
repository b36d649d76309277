import { describe, expect, it } from 'vitest';
import { plugins } from '../../../src/citations/engine.ts';

describe('the citation engine', () => {
  it('registers the formats paperclub writes and nothing that reaches the network', () => {
    expect(plugins.list()).toEqual(expect.arrayContaining(['@bibtex', '@csl', '@ris', '@bibjson']));
    expect(plugins.list()).not.toContain('@doi');
    expect(plugins.list()).not.toContain('@wikidata');
  });
});
