/**
 * Markdown tables under `##` headings: `[Title](link) | a.k.a | Affiliation | date | #tags`.
 * Columns are found by their header names, so reordered or extra columns still import. A title
 * starting with `\*` is marked "not a paper" (the lists' footnote convention).
 */
import { arxivIdOf, parseArxivId } from '../arxiv-id.ts';
import { parseMonthYear } from '../dates.ts';
import { doiOf, makeLink, markdownLinks } from '../links.ts';
import { emptyRecord } from '../raw.ts';
import type { ImportResult, RawRecord } from '../raw.ts';
import { collapseBreaks, repairFileText, splitOnBreaks, unescapeMarkdown } from '../repair.ts';
import type { RepairLog } from '../repair.ts';
import type { SourceRef } from '../types.ts';

export const SEPARATOR_ROW = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const HEADING = /^(#{1,6})\s+(.+?)\s*$/;

type Role = 'paper' | 'aka' | 'affiliation' | 'date' | 'tags' | 'summary';

function roleOf(header: string): Role | null {
  const h = collapseBreaks(header).toLowerCase();
  if (/paper|title/.test(h)) return 'paper';
  if (/a\.?k\.?a|alias|nickname/.test(h)) return 'aka';
  if (/affil|organi[sz]ation|institution/.test(h)) return 'affiliation';
  if (/date|published|year/.test(h)) return 'date';
  if (/^#$|tag/.test(h)) return 'tags';
  if (/desc|note|summary/.test(h)) return 'summary';
  return null;
}

export function tableCells(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.trim());
}

const isPlaceholder = (value: string): boolean => /^[-–—]?$/.test(value.trim());

function cleanCell(value: string, source: SourceRef, log: RepairLog): string {
  const unescaped = log.apply(source, 'markdown-escape', value, unescapeMarkdown);
  return log.apply(source, 'html-break', unescaped, collapseBreaks).replace(/\s+/g, ' ').trim();
}

function rowRecord(file: string, line: number, cells: string[], roles: Array<Role | null>, tags: string[], log: RepairLog): RawRecord | null {
  const source = { file, line };
  const record = emptyRecord(source, 'markdown-table');
  cells.forEach((cell, i) => {
    const role = roles[i];
    if (!role || isPlaceholder(cell)) return;
    switch (role) {
      case 'paper': {
        const link = markdownLinks(cell)[0];
        let title = link ? link.label : cell;
        if (/^\s*\\\*/.test(title)) {
          record.notAPaper = true;
          title = title.replace(/^\s*\\\*/, '');
        }
        record.title = cleanCell(title, source, log);
        if (link) record.links.push(makeLink(link.url));
        break;
      }
      case 'aka':
        record.aka.push(cleanCell(cell, source, log));
        break;
      case 'affiliation':
        record.affiliation = cleanCell(cell, source, log);
        break;
      case 'date':
        record.date = parseMonthYear(cell);
        break;
      case 'tags': {
        const unescaped = log.apply(source, 'markdown-escape', cell, unescapeMarkdown);
        for (const part of splitOnBreaks(unescaped)) {
          const tag = part.trim().replace(/^#+\s*/, '').trim();
          if (!isPlaceholder(tag)) record.tags.push(tag);
        }
        break;
      }
      case 'summary':
        record.summary.push(cleanCell(cell, source, log));
        break;
    }
  });
  if (!record.title) return null;
  record.tags = [...tags, ...record.tags];
  for (const link of record.links) {
    record.arxivId ??= arxivIdOf(link.url);
    const doi = doiOf(link.url);
    if (doi && !parseArxivId(doi).ok) record.doi ??= doi;
  }
  return record;
}

export function importMarkdownTable(file: string, text: string): ImportResult {
  const { lines, log } = repairFileText(file, text);
  const records: RawRecord[] = [];
  const headings: Array<{ level: number; text: string }> = [];
  let roles: Array<Role | null> | null = null;
  lines.forEach((lineText, index) => {
    const heading = HEADING.exec(lineText);
    if (heading) {
      const level = heading[1]!.length;
      while (headings.length > 0 && headings[headings.length - 1]!.level >= level) headings.pop();
      headings.push({ level, text: heading[2]! });
      roles = null;
      return;
    }
    if (!lineText.includes('|')) {
      if (lineText.trim() === '') return;
      roles = null;
      return;
    }
    const next = lines[index + 1];
    if (next !== undefined && SEPARATOR_ROW.test(next) && !SEPARATOR_ROW.test(lineText)) {
      roles = tableCells(lineText).map(roleOf);
      return;
    }
    if (SEPARATOR_ROW.test(lineText) || roles === null) return;
    const tags = headings.filter((h) => h.level >= 2).map((h) => h.text);
    const record = rowRecord(file, index + 1, tableCells(lineText), roles, tags, log);
    if (record) records.push(record);
  });
  return { records, mentions: [], repairs: log.items };
}
