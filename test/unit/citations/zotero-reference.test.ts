/**
 * Our citations next to what Zotero exports for the same works: an arXiv paper (LoRA, from the real
 * library with its shipped metadata), a paper with a journal DOI and a web page. The reference outputs
 * below were derived from Zotero's own export translators, zotero/translators at commit 2814370
 * (BibTeX.js with the `dontProtectInitialCase` preference, BibLaTeX.js, RIS.js), for the items Zotero's arXiv,
 * DOI and web-page translators save (docs/citations.md lists them with the deliberate differences).
 * Fields Zotero adds that a chat citation leaves out (abstract, keywords, access date, Zotero's
 * library catalog and short title) are not compared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../../src/citations/format-citation.ts';
import { buildLibrary } from '../../../src/library/library.ts';
import type { CompiledMetadata } from '../../../src/library/metadata-files.ts';
import { makeEntry } from '../../helpers/entries.ts';
import { SEEDS_DIR, allSeeds } from '../library/seeds.ts';
import { dynamicRope } from './entries.ts';

const compiled = JSON.parse(readFileSync(join(SEEDS_DIR, 'arxiv-metadata.json'), 'utf8')) as CompiledMetadata;
const library = buildLibrary(allSeeds(), { compiled });
const lora = library.get('2106.09685')!;

/** A journal article as Zotero's DOI translator saves one (Nature 521, 436–444). */
const deepLearning = makeEntry({
  id: 'deep-learning',
  kind: 'article',
  title: 'Deep learning',
  authors: [
    { given: 'Yann', family: 'LeCun' },
    { given: 'Yoshua', family: 'Bengio' },
    { given: 'Geoffrey', family: 'Hinton' },
  ],
  year: 2015,
  date: '2015-05-28',
  doi: '10.1038/nature14539',
});

/** Zotero's BibTeX and RIS lines for these works, the fields both sides write. */
const ZOTERO = {
  lora: {
    bibtexType: '@misc',
    bibtex: {
      title: '{LoRA}: Low-Rank Adaptation of Large Language Models',
      author: 'Hu, Edward J. and Shen, Yelong and Wallis, Phillip and Allen-Zhu, Zeyuan and Li, Yuanzhi and Wang, Shean and Wang, Lu and Chen, Weizhu',
      doi: '10.48550/arXiv.2106.09685',
      publisher: 'arXiv',
    },
    // Zotero dates the version it saved (v2, 2021-10-16); paperclub cites the first version.
    ris: ['TY  - GEN', 'AU  - Hu, Edward J.', 'AU  - Chen, Weizhu', 'PY  - 2021', 'DO  - 10.48550/arXiv.2106.09685', 'PB  - arXiv', 'TI  - LoRA: Low-Rank Adaptation of Large Language Models'],
    risDate: /^DA {2}- 2021\/\d{2}\/\d{2}\/$/m,
    biblatexType: '@misc',
    biblatex: { title: '{LoRA}: Low-Rank Adaptation of Large Language Models', doi: '10.48550/arXiv.2106.09685', eprinttype: 'arxiv', eprint: '2106.09685' },
  },
  deepLearning: {
    bibtexType: '@article',
    bibtex: { title: 'Deep learning', author: 'LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey', doi: '10.1038/nature14539', year: '2015' },
    ris: ['TY  - JOUR', 'AU  - LeCun, Yann', 'AU  - Hinton, Geoffrey', 'DA  - 2015/05/28/', 'PY  - 2015', 'DO  - 10.1038/nature14539', 'TI  - Deep learning'],
    biblatexType: '@article',
    biblatex: { title: 'Deep learning', author: 'LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey', doi: '10.1038/nature14539', date: '2015-05-28' },
  },
  web: {
    bibtexType: '@misc',
    bibtex: {
      title: 'Dynamically Scaled {RoPE} Further Increases Performance of Long Context {LLaMA} with Zero Fine-Tuning',
      author: '{emozilla}',
      year: '2023',
      url: 'https://www.reddit.com/r/LocalLLaMA/comments/14mrgpr/dynamically_scaled_rope_further_increases/',
    },
    ris: ['TY  - ELEC', 'AU  - emozilla', 'DA  - 2023/06/30/', 'PY  - 2023', 'UR  - https://www.reddit.com/r/LocalLLaMA/comments/14mrgpr/dynamically_scaled_rope_further_increases/'],
    biblatexType: '@online',
    biblatex: { title: 'Dynamically Scaled {RoPE} Further Increases Performance of Long Context {LLaMA} with Zero Fine-Tuning', author: '{emozilla}', date: '2023-06-30' },
  },
} as const;

/** `\tname = {value},` fields of one BibTeX entry, verbatim (braces inside a value kept). */
function rawFields(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^\t(\w+) = \{(.*)\},$/gm)].map((m) => [m[1]!.toLowerCase(), m[2]!]));
}

/** The three works compared, each with Zotero's lines for it. */
const WORKS = [
  ['an arXiv paper', () => lora, ZOTERO.lora],
  ['a paper with a journal DOI', () => deepLearning, ZOTERO.deepLearning],
  ['a web page', () => dynamicRope, ZOTERO.web],
] as const;

describe('citations compared with Zotero’s exports', () => {
  it.each(WORKS)('BibTeX for %s: the same type, title protection, authors and identifiers', async (_kind, entry, zotero) => {
    const text = await formatCitation(entry(), 'bibtex');
    expect(text.startsWith(`${zotero.bibtexType}{`)).toBe(true);
    expect(rawFields(text)).toMatchObject(zotero.bibtex);
  });

  it.each(WORKS)('BibLaTeX for %s: the same type, protected title, ISO date and identifiers', async (_kind, entry, zotero) => {
    const text = await formatCitation(entry(), 'biblatex');
    expect(text.startsWith(`${zotero.biblatexType}{`)).toBe(true);
    expect(rawFields(text)).toMatchObject(zotero.biblatex);
  });

  it.each(WORKS)('RIS for %s: the same type, names and zero-padded dates', async (_kind, entry, zotero) => {
    const lines = (await formatCitation(entry(), 'ris')).split('\n');
    for (const line of zotero.ris) expect(lines).toContain(line);
  });

  it('writes the preprint’s first-version date in RIS, zero-padded', async () => {
    const ris = await formatCitation(lora, 'ris');
    expect(ris).toMatch(ZOTERO.lora.risDate);
    expect(ris).toContain('DA  - 2021/06/17/\n');
    expect(ris).not.toMatch(/TY {2}- JOUR/);
    expect(ris).not.toMatch(/^T2 {2}-/m);
  });

  it('writes CSL-JSON for a preprint the way Zotero maps its preprints (article, arXiv, archive id)', async () => {
    const [item] = JSON.parse(await formatCitation(lora, 'csl-json')) as Array<Record<string, unknown>>;
    expect(item).toMatchObject({
      type: 'article',
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      publisher: 'arXiv',
      number: 'arXiv:2106.09685',
      DOI: '10.48550/arXiv.2106.09685',
      issued: { 'date-parts': [[2021, 6, 17]] },
    });
    expect((item!.author as unknown[]).length).toBe(8);
  });

  it('writes APA as Zotero’s APA 7 style does for an arXiv preprint', async () => {
    expect(await formatCitation(lora, 'apa')).toBe(
      'Hu, E. J., Shen, Y., Wallis, P., Allen-Zhu, Z., Li, Y., Wang, S., Wang, L., & Chen, W. (2021). ' +
        'LoRA: Low-Rank Adaptation of Large Language Models (arXiv:2106.09685). arXiv. https://doi.org/10.48550/arXiv.2106.09685\n',
    );
  });
});
