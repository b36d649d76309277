/**
 * Readable names for the reading lists, for cards ("Listed in: Awesome LLM Papers, llm-paper-notes")
 * instead of file names: a list's own `#` heading near its top, else a short name from its format.
 * Two lists with one name are told apart by a number, in seed order.
 */
import type { SeedFormat } from './types.ts';

const FORMAT_NAMES: Record<SeedFormat, string> = {
  chicago: 'Citation list',
  'bibtex-notes': 'Paper notes',
  'markdown-table': 'Paper table',
  'numbered-list': 'Numbered reading list',
  outline: 'Topic outline',
};

const MAX_NAME = 60;

/**
 * The list's title: a level-1 `# Heading` on its first non-blank line (`##` headings are sections),
 * cleaned of markdown; null when it has none.
 */
export function listHeading(text: string): string | null {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  const m = first ? /^#\s+(.+?)\s*#*\s*$/.exec(first.trim()) : null;
  if (!m) return null;
  const name = m[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  if (!name) return null;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/** File name → list name, for every recognised file. */
export function nameLists(files: ReadonlyArray<{ file: string; text: string; format: SeedFormat }>): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Map<string, number>();
  for (const { file, text, format } of files) {
    const base = listHeading(text) ?? FORMAT_NAMES[format];
    const n = (used.get(base.toLowerCase()) ?? 0) + 1;
    used.set(base.toLowerCase(), n);
    names.set(file, n === 1 ? base : `${base} (${n})`);
  }
  return names;
}
