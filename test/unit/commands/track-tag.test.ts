import { describe, expect, it } from 'vitest';
import { trackableTag } from '../../../src/commands/papers.ts';
import type { PaperEntry } from '../../../src/library/types.ts';

const entry = (tags: string[], aka: string[] = []): PaperEntry => ({
  id: 'x', kind: 'arxiv', title: 'T', authors: [], year: null, date: null, arxivId: null, doi: null, links: [],
  aka, affiliation: null, tags, summary: [], takeaway: null, bibtex: null, readingOrder: null, abstract: null,
  categories: [], primaryCategory: null, sources: [],
});

describe('trackableTag', () => {
  it("prefers a tag that is one of the paper's own names", () => {
    expect(trackableTag(entry(['LLM & Reinforcement Learning', 'Finetuning', 'DPO'], ['DPO']))).toBe('DPO');
  });

  it('prefers a short tag over a long section heading, keeping list order among equals', () => {
    expect(trackableTag(entry(['Foundation Models & Finetuned Family', 'Model', 'Foundation']))).toBe('Model');
    expect(trackableTag(entry(['Mixture of Experts', 'Foundation Models & Finetuned Family']))).toBe('"Mixture of Experts"');
  });

  it('falls back to a long heading, and offers nothing when no tag is a valid topic', () => {
    expect(trackableTag(entry(['Foundation Models & Finetuned Family']))).toBe('"Foundation Models & Finetuned Family"');
    expect(trackableTag(entry(['say "hi"', '#']))).toBeNull();
  });
});
