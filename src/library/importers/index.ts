/** One importer per format; the compiler checks that every SeedFormat has one. */
import type { ImportResult } from '../raw.ts';
import type { SeedFormat } from '../types.ts';
import { importBibtexNotes } from './bibtex-notes.ts';
import { importChicago } from './chicago.ts';
import { importMarkdownTable } from './markdown-table.ts';
import { importNumberedList } from './numbered-list.ts';
import { importOutline } from './outline.ts';

export type Importer = (file: string, text: string) => ImportResult;

export const IMPORTERS: Readonly<Record<SeedFormat, Importer>> = {
  chicago: importChicago,
  'bibtex-notes': importBibtexNotes,
  'markdown-table': importMarkdownTable,
  'numbered-list': importNumberedList,
  outline: importOutline,
};
