/**
 * Paper notes: `## Title`, `Authors: A and B`, `[Link to PDF](papers/…/ID.pdf)`, summary bullets and a
 * fenced BibTeX entry after `Citation:`. The BibTeX is kept as given, minus stray characters after the
 * closing brace (`}X`), which are recorded as a repair.
 */
import { arxivIdOf, parseArxivId } from '../arxiv-id.ts';
import { parseBibtexFields, stripBraces } from '../bibtex.ts';
import { bareUrls, doiOf, makeLink, markdownLinks } from '../links.ts';
import { parseAndList } from '../names.ts';
import { emptyRecord } from '../raw.ts';
import type { ImportResult, RawRecord } from '../raw.ts';
import { repairFileText, splitBibtexEntry } from '../repair.ts';
import type { RepairLog } from '../repair.ts';

export const AUTHORS_LINE = /^Authors?:\s*(.+)$/i;
export const ENTRY_HEADING = /^##\s+(.+?)\s*$/;
const FENCE = /^\s*```/;
const BULLET = /^\s*[*-]\s+(.*)$/;

interface Block {
  title: string;
  line: number;
  body: Array<{ text: string; line: number }>;
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let inFence = false;
  lines.forEach((text, index) => {
    if (FENCE.test(text)) inFence = !inFence;
    const heading = inFence ? null : ENTRY_HEADING.exec(text);
    if (heading) out.push({ title: heading[1]!, line: index + 1, body: [] });
    else out[out.length - 1]?.body.push({ text, line: index + 1 });
  });
  return out;
}

function readBibtex(file: string, block: Block, log: RepairLog): { entry: string; line: number } | null {
  const start = block.body.findIndex(({ text }) => FENCE.test(text));
  if (start < 0) return null;
  const rest = block.body.slice(start + 1);
  const end = rest.findIndex(({ text }) => FENCE.test(text));
  const inside = end < 0 ? rest : rest.slice(0, end);
  const split = splitBibtexEntry(inside.map((l) => l.text).join('\n'));
  if (!split) return null;
  const entryLines = split.entry.split('\n').length;
  const first = inside.findIndex(({ text }) => text.includes('@'));
  const closing = inside[first + entryLines - 1];
  const stray = split.trailing.split('\n')[0]!;
  if (closing && stray.trim() !== '') {
    log.record({ file, line: closing.line }, 'bibtex-trailing', closing.text, closing.text.slice(0, closing.text.length - stray.length));
  }
  return { entry: split.entry, line: inside[first]?.line ?? block.line };
}

function blockRecord(file: string, block: Block, log: RepairLog): RawRecord {
  const record = emptyRecord({ file, line: block.line }, 'bibtex-notes');
  record.title = block.title;
  let inFence = false;
  for (const { text } of block.body) {
    if (FENCE.test(text)) inFence = !inFence;
    if (inFence) continue;
    const authors = AUTHORS_LINE.exec(text.trim());
    if (authors) {
      const parsed = parseAndList(authors[1]!);
      record.authors = parsed.authors;
      record.authorsTruncated = parsed.truncated;
      continue;
    }
    const bullet = BULLET.exec(text);
    if (bullet) {
      record.summary.push(bullet[1]!.trim());
      record.links.push(...bareUrls(bullet[1]!).map((url) => makeLink(url)));
      continue;
    }
    record.links.push(...markdownLinks(text).map((l) => makeLink(l.url, l.label)));
  }
  const bib = readBibtex(file, block, log);
  if (bib) {
    record.bibtex = bib.entry;
    const parsed = parseBibtexFields(bib.entry);
    const f = parsed?.fields ?? {};
    if (f.title && !record.title) record.title = stripBraces(f.title);
    if (f.author && record.authors.length === 0) {
      const names = parseAndList(stripBraces(f.author));
      record.authors = names.authors;
      record.authorsTruncated = names.truncated;
    }
    if (f.year && /^\d{4}$/.test(f.year)) record.date = f.year;
    if (f.eprint && (!f.archiveprefix || /arxiv/i.test(f.archiveprefix))) record.arxivId = arxivIdOf(f.eprint);
    if (f.primaryclass) record.primaryCategory = f.primaryclass;
    const doi = f.doi ? doiOf(f.doi) : null;
    if (doi && !parseArxivId(doi).ok) record.doi = doi;
    if (f.url) record.links.push(makeLink(f.url));
  }
  record.arxivId ??= record.links.map((l) => arxivIdOf(l.url)).find((id) => id !== null) ?? null;
  return record;
}

export function importBibtexNotes(file: string, text: string): ImportResult {
  const { lines, log } = repairFileText(file, text);
  const records = blocks(lines).map((block) => blockRecord(file, block, log));
  return { records, mentions: [], repairs: log.items };
}
