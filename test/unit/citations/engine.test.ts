import { describe, expect, it } from 'vitest';
import { loadCitationStyles, plugins } from '../../../src/citations/engine.ts';

describe('the citation engine', () => {
  it('registers the formats paperclub writes and nothing that reaches the network', async () => {
    expect(plugins.list()).toEqual(expect.arrayContaining(['@bibtex', '@ris', '@bibjson']));
    // The CSL styles (citeproc) load with the first formatted reference, once.
    expect(plugins.list()).not.toContain('@csl');
    await Promise.all([loadCitationStyles(), loadCitationStyles()]);
    expect(plugins.list()).toEqual(expect.arrayContaining(['@bibtex', '@csl', '@ris', '@bibjson']));
    expect(plugins.list()).not.toContain('@doi');
    expect(plugins.list()).not.toContain('@wikidata');
  });
});
