import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/library/detect.ts';
import { CHICAGO, NOTES, NUMBERED, OUTLINE, TABLE, seedText } from './seeds.ts';

describe('detectFormat', () => {
  it.each([
    [CHICAGO, 'chicago'],
    [NOTES, 'bibtex-notes'],
    [TABLE, 'markdown-table'],
    [NUMBERED, 'numbered-list'],
    [OUTLINE, 'outline'],
  ])('recognises %s as %s by its content', (file, format) => {
    expect(detectFormat(seedText(file))).toBe(format);
  });

  it('does not depend on the file: a slice of each seed is still recognised', () => {
    expect(detectFormat(seedText(CHICAGO).split('\n').slice(40, 60).join('\n'))).toBe('chicago');
    expect(detectFormat(seedText(NOTES).split('\n').slice(198, 223).join('\n'))).toBe('bibtex-notes');
    expect(detectFormat(seedText(TABLE).split('\n').slice(25, 40).join('\n'))).toBe('markdown-table');
    expect(detectFormat(seedText(NUMBERED).split('\n').slice(20, 30).join('\n'))).toBe('numbered-list');
    expect(detectFormat(seedText(OUTLINE).split('\n').slice(90, 106).join('\n'))).toBe('outline');
  });

  it('returns null for prose, an empty file and a plain bullet-free markdown note', () => {
    expect(detectFormat('We met on Tuesday and talked about the reading list.\nNext time: pizza.\n')).toBeNull();
    expect(detectFormat('')).toBeNull();
    expect(detectFormat('# Notes\n\nSome thoughts about [a blog](https://example.com).\n\nMore text.\n')).toBeNull();
  });
});
