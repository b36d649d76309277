import { describe, expect, it } from 'vitest';
import { formatCitation, formatCitations } from '../../../src/citations/format-citation.ts';
import { CITATION_FORMATS } from '../../../src/citations/formats.ts';
import { primaryUrl } from '../../../src/citations/entry-url.ts';
import type { PaperEntry } from '../../../src/library/types.ts';
import { chainOfThought, dynamicRope, jsonformer, maldacena, resnet, stMoe, yi } from './entries.ts';
import { bibtexFields, displayName, readBack } from './round-trip.ts';

const ARXIV = [yi, chainOfThought, stMoe, maldacena];
const ALL = [...ARXIV, dynamicRope, jsonformer, resnet];

describe('BibTeX', () => {
  it('writes an arXiv paper as @misc with eprint, archivePrefix, primaryClass, DOI and URL', async () => {
    const text = await formatCitation(chainOfThought, 'bibtex');
    expect(text.startsWith('@misc{wei2022chainofthought,')).toBe(true);
    expect(bibtexFields(text)[0]).toMatchObject({
      eprint: '2201.11903',
      archiveprefix: 'arXiv',
      primaryclass: 'cs.CL',
      doi: '10.48550/arXiv.2201.11903',
      url: 'https://arxiv.org/abs/2201.11903',
      year: '2022',
    });
  });

  it('leaves primaryClass out when the category is not known', async () => {
    const fields = bibtexFields(await formatCitation(stMoe, 'bibtex'))[0]!;
    expect(fields.eprint).toBe('2202.08906');
    expect(fields).not.toHaveProperty('primaryclass');
  });

  it('writes the BibLaTeX eprint fields and the full date', async () => {
    const fields = bibtexFields(await formatCitation(maldacena, 'biblatex'))[0]!;
    expect(fields).toMatchObject({ eprint: 'hep-th/9711200', eprinttype: 'arxiv', eprintclass: 'hep-th', date: '1997-11' });
  });

  it('writes a web entry with its URL and no eprint', async () => {
    const fields = bibtexFields(await formatCitation(dynamicRope, 'bibtex'))[0]!;
    expect(fields.url).toBe(primaryUrl(dynamicRope));
    expect(fields).not.toHaveProperty('eprint');
    expect(fields).not.toHaveProperty('doi');
  });
});

describe('round trips through citation-js', () => {
  const expectSame = (entry: PaperEntry, back: { title: string; authors: string[]; doi: string | null; url: string | null }) => {
    expect(back.title).toBe(entry.title);
    expect(back.authors).toEqual(entry.authors.map(displayName));
    expect(back.url).toBe(primaryUrl(entry));
    expect(back.doi).toBe(entry.doi);
  };

  for (const format of ['bibtex', 'biblatex', 'ris'] as const) {
    it(`reads our ${format} back with the same title, authors and ids`, async () => {
      for (const entry of ALL) {
        const back = readBack(await formatCitation(entry, format));
        expect(back).toHaveLength(1);
        expectSame(entry, back[0]!);
      }
    });

    it(`reads a whole ${format} export back, entry for entry`, async () => {
      const back = readBack(await formatCitations(ALL, format));
      expect(back).toHaveLength(ALL.length);
      ALL.forEach((entry, i) => expectSame(entry, back[i]!));
    });
  }

  it('keeps the arXiv id of every paper in an exported BibTeX file', async () => {
    const fields = bibtexFields(await formatCitations(ALL, 'bibtex'));
    expect(fields.map((f) => f.eprint ?? null)).toEqual(ALL.map((e) => e.arxivId));
  });

  it('adds no stray space to a RIS value of exactly 70 characters', async () => {
    const title = 'Seventy characters exactly, to land on the wrap boundary of RIS output';
    expect(title).toHaveLength(70);
    const back = readBack(await formatCitation({ ...stMoe, title }, 'ris'));
    expect(back[0]!.title).toBe(title);
  });

  it('keeps a long title whole in RIS (citation-js would wrap it at 70 characters)', async () => {
    const text = await formatCitation(dynamicRope, 'ris');
    expect(text).toContain(`TI  - ${dynamicRope.title}\n`);
  });
});

describe('CSL-JSON', () => {
  it('is a JSON array of CSL items', async () => {
    const one = JSON.parse(await formatCitation(yi, 'csl-json'));
    expect(Array.isArray(one)).toBe(true);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ type: 'article', DOI: '10.48550/arXiv.2403.04652', publisher: 'arXiv' });
    const all = JSON.parse(await formatCitations(ALL, 'csl-json'));
    expect(all.map((item: { title: string }) => item.title)).toEqual(ALL.map((e) => e.title));
    expect(JSON.parse(await formatCitations([], 'csl-json'))).toEqual([]);
  });
});

describe('formatted references', () => {
  for (const format of ['apa', 'vancouver', 'harvard'] as const) {
    it(`${format}: an arXiv paper names arXiv and carries its arXiv DOI`, async () => {
      for (const entry of ARXIV) {
        const text = await formatCitation(entry, format);
        expect(text).toContain('arXiv');
        expect(text).toContain(`10.48550/arXiv.${entry.arxivId}`);
        expect(text.trim().split('\n')).toHaveLength(1);
      }
    });

    it(`${format}: a web entry carries its URL`, async () => {
      expect(await formatCitation(dynamicRope, format)).toContain(primaryUrl(dynamicRope)!);
    });
  }

  it('writes APA 7 for an arXiv preprint', async () => {
    expect(await formatCitation(chainOfThought, 'apa')).toBe(
      'Wei, J., Wang, X., Schuurmans, D., Bosma, M., Ichter, B., Xia, F., Chi, E., Le, Q., & Zhou, D. (2022). ' +
        'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models (arXiv:2201.11903). arXiv. ' +
        'https://doi.org/10.48550/arXiv.2201.11903\n',
    );
  });

  it('does not number a lone Vancouver reference but numbers a list', async () => {
    expect(await formatCitation(stMoe, 'vancouver')).toMatch(/^Zoph B, Bello I, Kumar S\. /);
    const list = (await formatCitations([stMoe, dynamicRope], 'vancouver')).trim().split('\n\n');
    expect(list.map((line) => line.slice(0, 3))).toEqual(['1. ', '2. ']);
  });

  it('formats every entry in every format without throwing', async () => {
    for (const format of CITATION_FORMATS) {
      for (const entry of ALL) expect((await formatCitation(entry, format)).length).toBeGreaterThan(20);
    }
  });
});

describe('BibTeX title protection', () => {
  const title = async (t: string) => bibtexFields(await formatCitation({ ...stMoe, title: t }, 'bibtex'))[0]!.title;
  const raw = async (t: string) => /^\ttitle = \{(.*)\},$/m.exec(await formatCitation({ ...stMoe, title: t }, 'bibtex'))![1];

  it('braces acronyms and mixed-case words only, not every capitalised word', async () => {
    expect(await raw('LoRA: Low-Rank Adaptation of Large Language Models')).toBe('{LoRA}: Low-Rank Adaptation of Large Language Models');
    expect(await raw('Language Models are Few-Shot Learners: GPT-3')).toBe('Language Models are Few-Shot Learners: {GPT}-3');
    expect(await raw('BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding')).toBe('{BERT}: Pre-training of Deep Bidirectional Transformers for Language Understanding');
    expect(await raw('ST-MoE: Designing Stable and Transferable Sparse Expert Models')).toBe('{ST}-{MoE}: Designing Stable and Transferable Sparse Expert Models');
    expect(await raw('Mistral 7B')).toBe('Mistral {7B}');
  });

  it('still escapes LaTeX around the protected words', async () => {
    // Single capitals (`Q`) are left to the style, as Zotero leaves them.
    expect(await raw('ΨPO & Rozière’s 100% Q_A')).toBe('{$\\Psi$PO} \\& Rozi{\\` e}re\\textquoteright{}s 100\\% Q\\textunderscore{}A');
    expect(await title('A General Theoretical Paradigm to Understand Learning from Human Preferences')).toBe('A General Theoretical Paradigm to Understand Learning from Human Preferences');
  });
});

describe('an author list a list cut with "et al."', () => {
  const cut = { ...stMoe, authorsTruncated: true };

  it('stays open in BibTeX: "and others"', async () => {
    expect(bibtexFields(await formatCitation(cut, 'bibtex'))[0]!.author).toBe('Zoph, Barret and Bello, Irwan and Kumar, Sameer and others');
    expect(bibtexFields(await formatCitation(stMoe, 'bibtex'))[0]!.author).toBe('Zoph, Barret and Bello, Irwan and Kumar, Sameer');
  });

  it('says et al. the way each style does', async () => {
    expect(await formatCitation(cut, 'apa')).toMatch(/^Zoph, B\., Bello, I\., Kumar, S\., et al\. \(2022\)\. ST-MoE/);
    expect(await formatCitation(cut, 'vancouver')).toMatch(/^Zoph B, Bello I, Kumar S, et al\. ST-MoE/);
    expect(await formatCitation(cut, 'harvard')).toMatch(/^Zoph, B\. et al\. \(2022\)/);
    expect(await formatCitation({ ...cut, authors: cut.authors.slice(0, 1) }, 'harvard')).toMatch(/^Zoph, B\. et al\. \(2022\)/);
    for (const format of ['apa', 'vancouver', 'harvard'] as const) expect(await formatCitation(cut, format)).not.toContain('SENTINEL');
    expect(await formatCitation(stMoe, 'apa')).toMatch(/^Zoph, B\., Bello, I\., & Kumar, S\. \(2022\)/);
  });

  it('leaves CSL-JSON and RIS with the names known (neither format can say et al.)', async () => {
    expect(JSON.parse(await formatCitation(cut, 'csl-json'))[0].author).toHaveLength(3);
    expect((await formatCitation(cut, 'ris')).match(/^AU {2}- /gm)).toHaveLength(3);
  });
});

describe('RIS dates', () => {
  it('zero-pads month and day', async () => {
    expect(await formatCitation({ ...stMoe, date: '2023-05-08' }, 'ris')).toContain('DA  - 2023/05/08/\n');
    expect(await formatCitation({ ...stMoe, date: '2023-05' }, 'ris')).toContain('DA  - 2023/05//\n');
    expect(await formatCitation({ ...stMoe, date: '2023', year: 2023 }, 'ris')).toContain('PY  - 2023\n');
  });

  it('types an arXiv preprint GEN (as Zotero exports preprints), a DOI article JOUR and a web page ELEC', async () => {
    expect(await formatCitation(stMoe, 'ris')).toMatch(/^TY {2}- GEN$/m);
    expect(await formatCitation(stMoe, 'ris')).toMatch(/^PB {2}- arXiv$/m);
    expect(await formatCitation(resnet, 'ris')).toMatch(/^TY {2}- JOUR$/m);
    expect(await formatCitation(dynamicRope, 'ris')).toMatch(/^TY {2}- ELEC$/m);
  });
});
