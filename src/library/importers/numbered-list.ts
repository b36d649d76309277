/**
 * The club's numbered reading list: `N. **[Title](link):** takeaway`. N is the reading order.
 * Extra links after the title (`([GitHub Repo](…), [LS Discord chat](…))`) become labelled links and
 * leave the takeaway. A `Nick; Title` / `Nick: Title` prefix is kept as a candidate for the nickname
 * rule, which needs the whole library to decide (see nicknames.ts).
 */
import { arxivIdOf, parseArxivId } from '../arxiv-id.ts';
import { doiOf, makeLink, markdownLinks } from '../links.ts';
import { emptyRecord } from '../raw.ts';
import type { ImportResult, RawRecord } from '../raw.ts';
import { collapseBreaks, repairFileText, unescapeMarkdown } from '../repair.ts';
import type { RepairLog } from '../repair.ts';
import { splitPrefix } from '../titles.ts';

export const NUMBERED_ITEM = /^\s*(\d+)[.)]\s+(.*)$/;
/** `**[Title](link):**` or `**[Title](link)**:` at the start of an item. */
export const NUMBERED_TITLE_LINK = /^\*\*\s*\[[^\]]+\]\([^)]*\)\s*(?::\s*\*\*|\*\*\s*:?)/;

/** Removes the links and the punctuation they leave behind: `([a](x), [b](y)): text` → `text`. */
function stripLinks(text: string): string {
  let out = text;
  for (const link of markdownLinks(text).reverse()) out = out.slice(0, link.index) + out.slice(link.index + link.length);
  return out
    .replace(/\(\s*[,;\s]*\s*\)/g, '')
    .replace(/^[\s,;:]+/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function itemRecord(file: string, line: number, order: number, body: string, log: RepairLog): RawRecord {
  const source = { file, line };
  const record = emptyRecord(source, 'numbered-list');
  record.readingOrder = order;
  let text = body.trim().replace(/^\*\*\s*/, '');
  const first = markdownLinks(text)[0];
  let rawTitle: string;
  if (first && first.index === 0) {
    rawTitle = first.label;
    record.links.push(makeLink(first.url));
    text = text.slice(first.length);
  } else {
    const end = /\*\*|:\s/.exec(text);
    rawTitle = end ? text.slice(0, end.index) : text;
    text = end ? text.slice(end.index) : '';
  }
  text = text.replace(/^\s*(?::\s*\*\*|\*\*\s*:?|:)/, '');
  const title = log.apply(source, 'html-break', log.apply(source, 'markdown-escape', rawTitle, unescapeMarkdown), collapseBreaks).trim();
  record.title = title;
  record.nickname = splitPrefix(title);
  for (const link of markdownLinks(text)) record.links.push(makeLink(link.url, link.label));
  const takeaway = stripLinks(text);
  record.takeaway = takeaway === '' ? null : log.apply(source, 'markdown-escape', takeaway, unescapeMarkdown);
  for (const link of record.links) {
    record.arxivId ??= arxivIdOf(link.url);
    const doi = doiOf(link.url);
    if (doi && !parseArxivId(doi).ok) record.doi ??= doi;
  }
  return record;
}

export function importNumberedList(file: string, text: string): ImportResult {
  const { lines, log } = repairFileText(file, text);
  const records: RawRecord[] = [];
  let open: RawRecord | null = null;
  lines.forEach((lineText, index) => {
    const item = NUMBERED_ITEM.exec(lineText);
    if (item) {
      open = itemRecord(file, index + 1, Number(item[1]), item[2]!, log);
      records.push(open);
      return;
    }
    // Indented lines right under an item continue its takeaway; anything else closes the item.
    if (open && /^\s{2,}\S/.test(lineText)) {
      const current: RawRecord = open;
      for (const link of markdownLinks(lineText)) current.links.push(makeLink(link.url, link.label));
      const more = log.apply({ file, line: index + 1 }, 'markdown-escape', stripLinks(lineText), unescapeMarkdown);
      current.takeaway = [current.takeaway, more].filter(Boolean).join(' ') || null;
    } else {
      open = null;
    }
  });
  return { records, mentions: [], repairs: log.items };
}
