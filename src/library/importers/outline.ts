/**
 * A nested bullet outline: `- [Name](link)`, `- [Name](link) - note`, `- overview paper https://…`, and
 * bare names. Plain lines between bullets are section headings. The path of parent bullets is the
 * item's tags. Linked names are labels, not full titles; bare names are kept as mentions, which the
 * merge step turns into tags of a known paper or into topics.
 */
import { arxivIdOf } from '../arxiv-id.ts';
import { bareUrls, makeLink, markdownLinks } from '../links.ts';
import { emptyRecord } from '../raw.ts';
import type { BareMention, ImportResult, RawRecord } from '../raw.ts';
import { repairFileText, unescapeMarkdown } from '../repair.ts';
import type { RepairLog } from '../repair.ts';
import type { SourceRef } from '../types.ts';

export const OUTLINE_BULLET = /^(\s*)[-*+](?:\s+(.*)|\s*)$/;

interface Parsed {
  name: string;
  record: RawRecord | null;
}

function parseItem(content: string, source: SourceRef, path: string[], log: RepairLog): Parsed | null {
  const text = log.apply(source, 'markdown-escape', content.replace(/~~.*?~~/g, '').trim(), unescapeMarkdown);
  if (text === '') return null;
  const link = markdownLinks(text)[0];
  if (link && link.index === 0) {
    const record = emptyRecord(source, 'outline');
    record.title = link.label.trim();
    record.titleIsLabel = true;
    record.links.push(makeLink(link.url));
    record.arxivId = arxivIdOf(link.url);
    const note = text.slice(link.length).trim().replace(/^[-–:]\s*/, '').replace(/^\((.*)\)$/, '$1').trim();
    if (note) record.summary.push(note);
    record.tags = [...path];
    return { name: record.title, record };
  }
  const urls = bareUrls(text);
  if (urls.length > 0) {
    const record = emptyRecord(source, 'outline');
    record.links = urls.map((u) => makeLink(u));
    record.arxivId = arxivIdOf(urls[0]!);
    const note = text.slice(0, text.indexOf(urls[0]!)).replace(/[\s:–-]+$/, '').trim();
    if (note) record.summary.push(note);
    record.tags = [...path];
    return { name: note || urls[0]!, record };
  }
  return { name: text, record: null };
}

/** Lines that must repeat verbatim before a top-level bullet counts as the start of a pasted copy. */
const COPY_MIN_LINES = 5;

/** The earlier line where a verbatim copy of the block starting at `index` begins, or -1. */
function copiedFrom(lines: string[], index: number): number {
  for (let j = 0; j < index; j += 1) {
    let n = 0;
    while (n < COPY_MIN_LINES && index + n < lines.length && lines[j + n] === lines[index + n]) n += 1;
    if (n === COPY_MIN_LINES) return j;
  }
  return -1;
}

export function importOutline(file: string, text: string): ImportResult {
  const { lines, log } = repairFileText(file, text);
  const records: RawRecord[] = [];
  const mentions: BareMention[] = [];
  let section: string | null = null;
  const sectionAt: Array<string | null> = [];
  const stack: Array<{ indent: number; name: string }> = [];
  lines.forEach((lineText, index) => {
    sectionAt[index] = section;
    if (lineText.trim() === '') return;
    const source = { file, line: index + 1 };
    const bullet = OUTLINE_BULLET.exec(lineText);
    if (!bullet) {
      section = lineText.trim().replace(/^#+\s*/, '');
      sectionAt[index] = section;
      stack.length = 0;
      return;
    }
    const indent = bullet[1]!.replace(/\t/g, '    ').length;
    if (indent === 0) {
      // A block pasted twice keeps the context of its first occurrence, not the heading it landed under.
      const original = copiedFrom(lines, index);
      if (original >= 0) {
        section = sectionAt[original] ?? null;
        sectionAt[index] = section;
      }
    }
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const path = [...(section ? [section] : []), ...stack.map((s) => s.name)];
    const parsed = parseItem(bullet[2] ?? '', source, path, log);
    if (!parsed) return;
    stack.push({ indent, name: parsed.name });
    if (parsed.record) records.push(parsed.record);
    else mentions.push({ name: parsed.name, path, source });
  });
  return { records, mentions, repairs: log.items };
}
