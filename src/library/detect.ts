/**
 * Recognises a reading list's format by its content, never its file name. Each format has a
 * signature line shape; the format whose signature matches most lines wins. The outline (plain
 * bullets) is the fallback, and only when most lines are bullets. No match at all is `null`.
 */
import { AUTHORS_LINE, ENTRY_HEADING } from './importers/bibtex-notes.ts';
import { CITATION_LINE } from './importers/chicago.ts';
import { SEPARATOR_ROW } from './importers/markdown-table.ts';
import { NUMBERED_ITEM, NUMBERED_TITLE_LINK } from './importers/numbered-list.ts';
import { OUTLINE_BULLET } from './importers/outline.ts';
import type { SeedFormat } from './types.ts';

/** Share of non-blank lines that must be bullets before a file counts as an outline. */
const OUTLINE_MIN_SHARE = 0.6;
const OUTLINE_MIN_BULLETS = 3;

type Scores = Record<Exclude<SeedFormat, 'outline'>, number>;

function specificScores(lines: string[]): Scores {
  const count = (test: (line: string) => boolean): number => lines.filter(test).length;
  const headings = count((l) => ENTRY_HEADING.test(l));
  const authors = count((l) => AUTHORS_LINE.test(l.trim()));
  const bibEntries = count((l) => /^\s*@\w+\s*\{/.test(l));
  const hasTable = lines.some((l) => SEPARATOR_ROW.test(l) && l.includes('-'));
  return {
    'bibtex-notes': headings > 0 ? Math.min(authors, bibEntries) : 0,
    'numbered-list': count((l) => {
      const m = NUMBERED_ITEM.exec(l);
      return m !== null && NUMBERED_TITLE_LINK.test(m[2]!.trim());
    }),
    'markdown-table': hasTable ? count((l) => l.includes('|') && /\[[^\]]+\]\([^)]+\)/.test(l) && !SEPARATOR_ROW.test(l)) : 0,
    chicago: count((l) => {
      const m = CITATION_LINE.exec(l.trim());
      return m !== null && /\b\d{4}\b/.test(m[3]!);
    }),
  };
}

export function detectFormat(text: string): SeedFormat | null {
  const lines = text.split(/\r?\n/);
  const scores = specificScores(lines);
  let best: SeedFormat | null = null;
  let bestScore = 0;
  for (const [format, score] of Object.entries(scores) as Array<[SeedFormat, number]>) {
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  if (best) return best;
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const bullets = nonBlank.filter((l) => OUTLINE_BULLET.test(l)).length;
  if (bullets >= OUTLINE_MIN_BULLETS && bullets / nonBlank.length >= OUTLINE_MIN_SHARE) return 'outline';
  return null;
}
