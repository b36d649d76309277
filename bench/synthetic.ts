import type { PaperEntry } from '../src/library/types.ts';
import { compact } from '../src/search/normalize.ts';
import { titleHead } from '../src/search/search-index.ts';

/**
 * A large, realistic-looking library for scale benchmarks: real entries plus synthetic ones made by
 * recombining real title halves, nicknames, authors, tags, summary bullets and takeaways. A seeded
 * PRNG makes the same seed give the same library on every machine.
 */

/** mulberry32: tiny, fast, good enough to shuffle benchmark data; not for anything secret. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pools {
  heads: string[];
  tails: string[];
  aka: string[];
  authors: PaperEntry['authors'];
  tags: string[];
  bullets: string[];
  takeaways: string[];
  affiliations: string[];
}

function pools(real: readonly PaperEntry[]): Pools {
  const heads: string[] = [];
  const tails: string[] = [];
  for (const e of real) {
    const colon = e.title.indexOf(': ');
    if (colon > 0) {
      heads.push(e.title.slice(0, colon));
      tails.push(e.title.slice(colon + 2));
    } else {
      const words = e.title.split(' ');
      const cut = Math.max(1, Math.floor(words.length / 2));
      heads.push(words.slice(0, cut).join(' '));
      tails.push(words.slice(cut).join(' ') || e.title);
    }
  }
  const nonEmpty = <T>(xs: T[], fallback: T): T[] => (xs.length > 0 ? xs : [fallback]);
  return {
    heads: nonEmpty(heads, 'Paper'),
    tails: nonEmpty(tails, 'Language Models'),
    aka: nonEmpty(real.flatMap((e) => e.aka), 'LM'),
    authors: nonEmpty(real.flatMap((e) => e.authors), { literal: 'Anonymous' }),
    tags: nonEmpty(real.flatMap((e) => e.tags), 'LLM'),
    bullets: nonEmpty(real.flatMap((e) => e.summary), ''),
    takeaways: real.flatMap((e) => (e.takeaway ? [e.takeaway] : [])),
    affiliations: real.flatMap((e) => (e.affiliation ? [e.affiliation] : [])),
  };
}

/** `total` entries: the real ones first, then synthetic ones with unused arXiv-style ids. */
export function syntheticLibrary(real: readonly PaperEntry[], total: number, seed = 42): PaperEntry[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const some = <T>(xs: readonly T[], min: number, max: number): T[] =>
    Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, () => pick(xs));
  const p = pools(real);
  const used = new Set(real.map((e) => e.id));
  const realNames = new Set(real.flatMap((e) => [...e.aka, e.title, titleHead(e.title) ?? '']).map(compact));
  /** Half of one real subtitle and half of another: real phrasing, but no real subtitle verbatim. */
  const tail = (): string => {
    const a = pick(p.tails).split(' ');
    const b = pick(p.tails).split(' ');
    return [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.ceil(b.length / 2))].join(' ');
  };
  const out = [...real];
  while (out.length < total) {
    const yy = 15 + Math.floor(rand() * 10);
    const mm = 1 + Math.floor(rand() * 12);
    const id = `${yy}${String(mm).padStart(2, '0')}.${String(Math.floor(rand() * 100000)).padStart(5, '0')}`;
    if (used.has(id)) continue;
    used.add(id);
    // Follow-up names (`Mamba-3`, `LoRA 2`), never a real paper's exact name: a real library does
    // not hold forty papers called "Mamba", and such clones would only measure tie-breaking.
    const nickname = `${rand() < 0.5 ? pick(p.aka) : pick(p.heads)}${pick(['-', ' '])}${2 + Math.floor(rand() * 8)}`;
    if (realNames.has(compact(nickname))) continue; // `GPT` + `-3` would be GPT-3 itself
    out.push({
      id,
      kind: 'arxiv',
      title: `${nickname}: ${tail()}`,
      authors: some(p.authors, 1, 8),
      year: 2000 + yy,
      date: `${2000 + yy}-${String(mm).padStart(2, '0')}`,
      arxivId: id,
      doi: `10.48550/arXiv.${id}`,
      links: [{ url: `https://arxiv.org/abs/${id}`, kind: 'abs' }],
      aka: rand() < 0.4 ? [nickname] : [],
      affiliation: p.affiliations.length > 0 && rand() < 0.5 ? pick(p.affiliations) : null,
      tags: [...new Set(some(p.tags, 1, 4))],
      summary: rand() < 0.5 ? some(p.bullets, 2, 6) : [],
      takeaway: p.takeaways.length > 0 && rand() < 0.2 ? pick(p.takeaways) : null,
      bibtex: null,
      readingOrder: null,
      abstract: null,
      categories: ['cs.CL'],
      primaryCategory: 'cs.CL',
      sources: [{ file: 'synthetic', line: out.length + 1, list: 'Synthetic' }],
      provenance: { source: 'reading-list' },
    });
  }
  return out;
}
