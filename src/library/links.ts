/** Markdown links, URL normalisation and link kinds. */
import { arxivIdOf } from './arxiv-id.ts';
import type { Link, LinkKind } from './types.ts';

export interface MarkdownLink {
  label: string;
  url: string;
  /** Offset of the `[` in the text, and the length of the whole `[label](url)`. */
  index: number;
  length: number;
}

/** Every `[label](url)` in a line, in order. Labels may not contain `]`; URLs may contain balanced `()`. */
export function markdownLinks(text: string): MarkdownLink[] {
  const out: MarkdownLink[] = [];
  const re = /\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ label: m[1]!, url: m[2]!, index: m.index, length: m[0].length });
  }
  return out;
}

/** Bare URLs in running text (`overview paper https://…`, `<https://…>` autolinks). */
export function bareUrls(text: string): string[] {
  return [...text.matchAll(/<?(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])>?/g)].map((m) => m[1]!);
}

const HOST_LIKE = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/|$)/i;

/**
 * A link as a list gave it, made absolute: scheme-less hosts (`arxiv.org/abs/…`, `www.reddit.com/…`)
 * get `https://`; local paths (`papers/x/2201.11903.pdf`) are kept as given.
 */
export function normaliseUrl(url: string): string {
  const trimmed = url.trim().replace(/^<|>$/g, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  if (HOST_LIKE.test(trimmed) && !/\.pdf$/i.test(trimmed.split('/')[0]!)) return `https://${trimmed}`;
  return trimmed;
}

const DISCUSSION_HOSTS = /(^|\.)(reddit\.com|twitter\.com|x\.com|discord\.com|discord\.gg|news\.ycombinator\.com|greaterwrong\.com|lesswrong\.com)$/i;
const CODE_HOSTS = /(^|\.)(github\.com|gitlab\.com|bitbucket\.org)$/i;

export function linkKind(url: string, label?: string): LinkKind {
  if (!/^https?:\/\//i.test(url)) return 'local';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'web';
  }
  const host = parsed.hostname.toLowerCase();
  const path = parsed.pathname;
  if (/(^|\.)arxiv\.org$/.test(host)) {
    if (path.startsWith('/abs/')) return 'abs';
    if (path.startsWith('/pdf/')) return 'pdf';
    if (path.startsWith('/html/')) return 'html';
  }
  if (/^(dx\.)?doi\.org$/.test(host)) return 'doi';
  if (CODE_HOSTS.test(host)) return 'code';
  if (DISCUSSION_HOSTS.test(host)) return 'discussion';
  if (/^docs\.google\.com$/.test(host) && path.startsWith('/presentation/')) return 'slides';
  if (label && /^(slides|presentation)$/i.test(label.trim())) return 'slides';
  if (/\.pdf$/i.test(path)) return 'pdf';
  return 'web';
}

export function makeLink(url: string, label?: string): Link {
  const normalised = normaliseUrl(url);
  const link: Link = { url: normalised, kind: linkKind(normalised, label) };
  if (label !== undefined && label.trim() !== '' && label.trim() !== url.trim()) link.label = label.trim();
  return link;
}

/** A key under which two spellings of the same URL compare equal. */
export function urlKey(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

const DOI = /^10\.\d{4,9}\/\S+$/;
const DOI_FORMS = /^(?:doi:\s*|(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i;

/**
 * The one DOI parser (library import, search, lookups, link unfurls): a DOI as written (`10.1000/xyz`),
 * after `doi:`, or in a doi.org / dx.doi.org / www.doi.org link (with or without the scheme; the link's
 * query and fragment are not part of the DOI, its %-escapes are decoded). Case is kept; compare
 * DOIs case-insensitively. Null for anything else.
 */
export function doiOf(text: string): string | null {
  const t = text.trim();
  const m = DOI_FORMS.exec(t);
  if (!m) return null;
  const isLink = /doi\.org\//i.test(t.slice(0, t.length - m[1]!.length));
  const raw = isLink ? m[1]!.replace(/[?#].*$/, '') : m[1]!;
  let doi = raw;
  try {
    doi = decodeURIComponent(raw);
  } catch {
    // A stray % is kept as written rather than failing the whole lookup.
  }
  return DOI.test(doi) ? doi : null;
}

/** The first arXiv id any of the links carries. */
export function arxivIdFromLinks(links: readonly Link[]): string | null {
  for (const link of links) {
    const id = arxivIdOf(link.url);
    if (id) return id;
  }
  return null;
}
