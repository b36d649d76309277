/**
 * Every entry of the real library (seeds/), cited in every format and read back by citation-js.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { primaryUrl } from '../../../src/citations/entry-url.ts';
import { formatCitations } from '../../../src/citations/format-citation.ts';
import { assignCitationKeys } from '../../../src/citations/keys.ts';
import { loadLibrary } from '../../../src/library/library.ts';
import type { PaperEntry } from '../../../src/library/types.ts';
import { bibtexFields, displayName, readBack } from './round-trip.ts';

/**
 * BibTeX output is ASCII (citation-js escapes to LaTeX), so Unicode compatibility forms come back in
 * their decomposed form: "…" as "...". Anything else lost, such as a dropped character, still fails.
 */
const comparable = (title: string): string => title.normalize('NFKD').replace(/\s+/g, ' ').trim();

const SEEDS_DIR = fileURLToPath(new URL('../../../seeds', import.meta.url));

let entries: readonly PaperEntry[] = [];
beforeAll(async () => {
  entries = (await loadLibrary({ seedsDir: SEEDS_DIR })).entries;
});

describe('citing the real library', () => {
  it('has papers of every kind to cite', async () => {
    expect(entries.filter((e) => e.arxivId !== null).length).toBeGreaterThan(50);
    expect(entries.some((e) => e.kind === 'web')).toBe(true);
  });

  it('gives every entry a distinct citation key', async () => {
    const keys = [...assignCitationKeys(entries).values()];
    expect(keys).toHaveLength(entries.length);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+$/);
  });

  it('keys every arXiv paper by its real first author, never "anon"', async () => {
    const keys = assignCitationKeys(entries);
    expect(keys.get('2106.09685')).toBe('hu2021lora');
    expect(keys.get('1706.03762')).toBe('vaswani2017attention');
    for (const entry of entries.filter((e) => e.arxivId)) expect(keys.get(entry.id), entry.id).not.toMatch(/^anon/);
  });

  for (const format of ['bibtex', 'biblatex', 'ris'] as const) {
    it(`reads the whole library back from ${format} with the same titles, authors and ids`, async () => {
      const back = readBack(await formatCitations(entries, format));
      expect(back).toHaveLength(entries.length);
      entries.forEach((entry, i) => {
        const got = back[i]!;
        expect(comparable(got.title), entry.id).toBe(comparable(entry.title));
        expect(got.authors, entry.id).toEqual(entry.authors.map(displayName));
        expect(got.url, entry.id).toBe(primaryUrl(entry));
        expect(got.doi, entry.id).toBe(entry.arxivId ? (entry.doi ?? `10.48550/arXiv.${entry.arxivId}`) : entry.doi);
      });
    });
  }

  it('keeps every arXiv id as eprint in the BibTeX export', async () => {
    const fields = bibtexFields(await formatCitations(entries, 'bibtex'));
    expect(fields.map((f) => f.eprint ?? null)).toEqual(entries.map((e) => e.arxivId));
    fields.forEach((f, i) => {
      if (entries[i]!.arxivId) expect(f.archiveprefix).toBe('arXiv');
    });
  });

  it('names arXiv and the arXiv DOI in the formatted reference of every arXiv paper', async () => {
    const arxiv = entries.filter((e) => e.arxivId !== null && (e.doi === null || e.doi.startsWith('10.48550/')));
    for (const format of ['apa', 'vancouver', 'harvard'] as const) {
      const references = (await formatCitations(arxiv, format)).trim().split('\n\n');
      expect(references).toHaveLength(arxiv.length);
      arxiv.forEach((entry, i) => {
        expect(references[i], `${format} ${entry.id}`).toContain('arXiv');
        expect(references[i]!.toLowerCase(), `${format} ${entry.id}`).toContain(`10.48550/arxiv.${entry.arxivId!.toLowerCase()}`);
      });
    }
  });

  it('exports CSL-JSON as one array item per entry', async () => {
    const items = JSON.parse(await formatCitations(entries, 'csl-json')) as Array<{ title: string; type: string }>;
    expect(items).toHaveLength(entries.length);
    entries.forEach((entry, i) => expect(items[i]!.type).toBe(entry.arxivId ? 'article' : entry.doi ? 'article-journal' : 'webpage'));
  });
});
