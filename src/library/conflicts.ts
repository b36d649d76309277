/**
 * Same arXiv id, different papers. When titles listed under one id disagree (similarity below
 * SAME_WORK_THRESHOLD), the id stays with the listing whose title fits it and the others follow their
 * titles: their id and the links carrying it are dropped, so they merge by title with the paper they
 * name (002's "LoRA" row links to IA3's 2205.05638; it joins LoRA, 2106.09685, from 003).
 *
 * Who keeps the id: the listing matching the enrichment cache's title when there is one; otherwise the
 * one whose title is not known under another arXiv id; otherwise (still ambiguous) the largest group
 * of listings, then the earliest.
 */
import { describeDetached, detachFromId } from './detach.ts';
import type { RawRecord } from './raw.ts';
import { compareSources, sourceKey } from './sources.ts';
import { SAME_WORK_THRESHOLD, titleSimilarity } from './titles.ts';
import type { ImportReport, SeedFix } from './types.ts';

type Conflict = ImportReport['conflicts'][number];

function clusterByTitle(records: RawRecord[]): RawRecord[][] {
  const clusters: RawRecord[][] = [];
  for (const r of records) {
    const home = clusters.find((c) => c.some((m) => titleSimilarity(m.title!, r.title!) >= SAME_WORK_THRESHOLD));
    if (home) home.push(r);
    else clusters.push([r]);
  }
  return clusters;
}

const describe = (r: RawRecord): string => `"${r.title}" (${sourceKey(r.source)})`;

function pickOwner(id: string, clusters: RawRecord[][], all: readonly RawRecord[], cacheTitle: string | undefined): { owner: RawRecord[] | null; why: string } {
  if (cacheTitle) {
    const scored = clusters.map((c) => ({ c, score: Math.max(...c.map((r) => titleSimilarity(r.title!, cacheTitle))) }));
    scored.sort((a, b) => b.score - a.score);
    if (scored[0]!.score >= SAME_WORK_THRESHOLD) return { owner: scored[0]!.c, why: `its title matches arXiv's title for ${id}` };
  }
  const knownElsewhere = (c: RawRecord[]): RawRecord | undefined =>
    all.find(
      (o) =>
        o.arxivId !== null &&
        o.arxivId !== id &&
        !o.titleIsLabel &&
        o.title !== null &&
        c.some((r) => titleSimilarity(r.title!, o.title!) >= SAME_WORK_THRESHOLD),
    );
  const candidates = clusters.filter((c) => !knownElsewhere(c));
  if (candidates.length === 1) return { owner: candidates[0]!, why: 'no other arXiv id is listed under its title' };
  if (candidates.length === 0) return { owner: null, why: 'every title is listed under another arXiv id' };
  const sorted = [...candidates].sort((a, b) => b.length - a.length || compareSources(a[0]!.source, b[0]!.source));
  return { owner: sorted[0]!, why: 'it is listed most often (or first); the evidence was otherwise ambiguous' };
}

/**
 * Finds and resolves id conflicts in place; returns them for the report, with the records the moved
 * listings left behind (their affiliation and date stay with the id: detach.ts).
 */
export function resolveIdConflicts(records: RawRecord[], cacheTitles: ReadonlyMap<string, string>): { conflicts: Conflict[]; detached: RawRecord[]; fixes: SeedFix[] } {
  const byId = new Map<string, RawRecord[]>();
  for (const r of records) {
    if (!r.arxivId || !r.title || r.titleIsLabel) continue;
    byId.set(r.arxivId, [...(byId.get(r.arxivId) ?? []), r]);
  }
  const conflicts: Conflict[] = [];
  const detached: RawRecord[] = [];
  const fixes: SeedFix[] = [];
  for (const [id, group] of byId) {
    const clusters = clusterByTitle(group);
    if (clusters.length < 2) continue;
    const { owner, why } = pickOwner(id, clusters, records, cacheTitles.get(id));
    const moved: string[] = [];
    for (const cluster of clusters) {
      if (cluster === owner) continue;
      for (const r of cluster) {
        const left = detachFromId(r, id);
        moved.push(describe(r));
        if (!left) continue;
        detached.push(left);
        fixes.push({
          kind: 'fields-kept',
          source: { ...r.source },
          id,
          listed: describeDetached(left),
          evidence: `they came with the link to ${id}, not with the title "${r.title}", which follows its own paper`,
        });
      }
    }
    const kept = owner ? `${id} stays with ${owner.map(describe).join(', ')} because ${why}` : `${id} is kept by none: ${why}`;
    conflicts.push({
      arxivId: id,
      titles: group.map((r) => ({ title: r.title!, source: { ...r.source } })).sort((a, b) => compareSources(a.source, b.source)),
      resolution: `${kept}; ${moved.join(', ')} follow${moved.length === 1 ? 's' : ''} ${moved.length === 1 ? 'its' : 'their'} title instead: the link to ${id} is dropped from ${moved.length === 1 ? 'it' : 'them'} and ${moved.length === 1 ? 'it merges' : 'they merge'} by title (an affiliation or date stays with ${id}).`,
    });
  }
  return { conflicts, detached, fixes };
}
