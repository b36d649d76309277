import { describe, expect, it } from 'vitest';
import { trackableTag } from '../../../src/commands/papers.ts';
import { makeEntry } from '../../helpers/entries.ts';

const entry = (tags: string[], aka: string[] = []) => makeEntry({ id: 'x', kind: 'arxiv', title: 'T', tags, aka });

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
