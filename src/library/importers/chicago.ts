/**
 * Chicago-style citations under markdown headings:
 *   `Family, Given, … and Given Family. “Title.” arXiv, Month D, YYYY. [url](url).`
 * Headings are tags. A heading whose section holds no citation but links (`#### Jsonformer`) is a web
 * entry of its own; a free line with a link (`autolabel: [url](url) - "…" Start 2023-03`) is one too.
 */
import { arxivIdOf, parseArxivId } from '../arxiv-id.ts';
import { parseIsoDate, parseLongDate } from '../dates.ts';
import { doiOf, makeLink, markdownLinks } from '../links.ts';
import { parseChicagoAuthors } from '../names.ts';
import { emptyRecord } from '../raw.ts';
import type { ImportResult, RawRecord } from '../raw.ts';
import { repairFileText } from '../repair.ts';
import type { Link } from '../types.ts';

export const CITATION_LINE = /^(.+?)\s+\u201c(.+?)\u201d\s*(.*)$/;
const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;

interface Section {
  level: number;
  heading: string | null;
  line: number;
  /** Headings above this one (levels 2 and deeper; a level-1 heading is the document's title). */
  path: string[];
  body: Array<{ text: string; line: number }>;
}

function linkFrom(label: string, url: string): Link {
  // Chicago repeats the URL as the label; a URL-looking label is not a label.
  return /^(https?:\/\/|www\.)|^\S+\/\S+$/.test(label.trim()) ? makeLink(url) : makeLink(url, label);
}

function sections(lines: string[]): Section[] {
  const out: Section[] = [{ level: 0, heading: null, line: 0, path: [], body: [] }];
  const stack: Array<{ level: number; text: string }> = [];
  lines.forEach((text, index) => {
    const h = HEADING.exec(text);
    if (!h) {
      out[out.length - 1]!.body.push({ text, line: index + 1 });
      return;
    }
    const level = h[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    const path = stack.filter((s) => s.level >= 2).map((s) => s.text);
    stack.push({ level, text: h[2]!.trim() });
    out.push({ level, heading: h[2]!.trim(), line: index + 1, path, body: [] });
  });
  return out;
}

function citationRecord(file: string, line: number, match: RegExpExecArray, tags: string[]): RawRecord {
  const [, authorText, rawTitle, rest] = match;
  const record = emptyRecord({ file, line }, 'chicago');
  record.title = rawTitle!.trim().replace(/\.$/, '').trim();
  const authors = parseChicagoAuthors(authorText!);
  record.authors = authors.authors;
  record.authorsTruncated = authors.truncated;
  record.date = parseLongDate(rest!);
  record.links = markdownLinks(rest!).map((l) => linkFrom(l.label, l.url));
  for (const link of record.links) {
    const id = arxivIdOf(link.url);
    if (id && !record.arxivId) record.arxivId = id;
    const doi = doiOf(link.url);
    if (doi && !parseArxivId(doi).ok && !record.doi) record.doi = doi;
  }
  record.tags = [...tags];
  return record;
}

const quoted = (text: string): string[] => [...text.matchAll(/"\s*([^"]+?)\s*"/g)].map((m) => m[1]!);

/** `autolabel: [url](url) - "desc" Start 2023-03`: a named link on a line of its own. */
function namedLinkRecord(file: string, line: number, text: string, tags: string[]): RawRecord | null {
  const links = markdownLinks(text);
  if (links.length === 0 || BULLET.test(text)) return null;
  const name = text.slice(0, links[0]!.index).replace(/[\s:–-]+$/, '').trim();
  if (name === '') return null;
  const record = emptyRecord({ file, line }, 'chicago');
  record.title = name;
  record.links = links.map((l) => linkFrom(l.label, l.url));
  record.summary = quoted(text);
  record.date = parseIsoDate(text.replace(/\[[^\]]*\]\([^)]*\)/g, ''));
  record.tags = [...tags];
  return record;
}

/** A heading with links and no citations beneath it names a web entry (a tool, a blog post). */
function sectionRecord(file: string, section: Section): RawRecord | null {
  const links: Link[] = [];
  const summary: string[] = [];
  let date: string | null = null;
  for (const { text } of section.body) {
    const t = text.trim();
    if (t === '') continue;
    const bullet = BULLET.exec(t);
    const found = markdownLinks(t);
    if (bullet && found.length > 0) {
      links.push(...found.map((l) => linkFrom(l.label, l.url)));
      continue;
    }
    const dated = /^(\d{4}-\d{2}(?:-\d{2})?):\s*(.*)$/.exec(t);
    if (dated) {
      date = date ?? parseIsoDate(dated[1]!);
      summary.push(...(quoted(dated[2]!).length > 0 ? quoted(dated[2]!) : [dated[2]!.trim()]));
    } else {
      summary.push(t);
    }
    links.push(...found.map((l) => linkFrom(l.label, l.url)));
  }
  if (links.length === 0 || section.heading === null) return null;
  const record = emptyRecord({ file, line: section.line }, 'chicago');
  record.title = section.heading;
  record.links = links;
  record.summary = summary.filter((s) => s !== '');
  record.date = date;
  record.tags = [...section.path];
  return record;
}

export function importChicago(file: string, text: string): ImportResult {
  const { lines, log } = repairFileText(file, text);
  const records: RawRecord[] = [];
  for (const section of sections(lines)) {
    const tags = section.heading !== null && section.level >= 2 ? [...section.path, section.heading] : [...section.path];
    const citations = section.body.filter(({ text: t }) => CITATION_LINE.test(t.trim()));
    if (citations.length === 0 && section.level >= 2) {
      const own = sectionRecord(file, section);
      if (own) {
        records.push(own);
        continue;
      }
    }
    for (const { text: t, line } of section.body) {
      const trimmed = t.trim();
      const match = CITATION_LINE.exec(trimmed);
      if (match) {
        records.push(citationRecord(file, line, match, tags));
        continue;
      }
      const named = namedLinkRecord(file, line, trimmed, tags);
      if (named) records.push(named);
    }
  }
  return { records, mentions: [], repairs: log.items };
}
