/**
 * Seed mistakes found against the arXiv metadata: a listing whose title is not its id's paper but is
 * another paper's arXiv title moves to that paper's id. 003 item 46 names "Leveraging Large Language
 * Models for NLG Evaluation: A Survey" but links 2402.00838, which is OLMo; the metadata has the survey
 * at 2401.07103. The listing's title must disagree with its id's arXiv title (below
 * SAME_WORK_THRESHOLD) and match exactly one other (SAME_TITLE_THRESHOLD or better): a renamed paper
 * (GKD, whose arXiv title is now "On-Policy Distillation of Language Models…") keeps its id.
 * Outline labels are names, not titles: they never move a listing.
 */
import { describeDetached, detachFromId } from './detach.ts';
import { describeProvenance, type MetadataIndex } from './metadata.ts';
import type { RawRecord } from './raw.ts';
import { SAME_WORK_THRESHOLD, titleSimilarity } from './titles.ts';
import type { SeedFix } from './types.ts';

export function relinkByTitle(records: readonly RawRecord[], metadata: MetadataIndex): { detached: RawRecord[]; fixes: SeedFix[] } {
  const detached: RawRecord[] = [];
  const fixes: SeedFix[] = [];
  for (const record of records) {
    const from = record.arxivId;
    if (!from || !record.title || record.titleIsLabel) continue;
    const own = metadata.get(from);
    if (!own || titleSimilarity(record.title, own.title) >= SAME_WORK_THRESHOLD) continue;
    const match = metadata.findByTitle(record.title, from);
    if (!match) continue;
    const to = match.record.arxivId;
    const left = detachFromId(record, from);
    record.arxivId = to;
    const closeness = match.similarity < 1 ? `, title similarity ${match.similarity.toFixed(2)}` : '';
    fixes.push({
      kind: 'relinked',
      source: { ...record.source },
      id: to,
      listed: record.title,
      evidence:
        `the listing links ${from}, which ${describeProvenance(own.provenance)} titles "${own.title}"; ` +
        `its title is ${to}'s ("${match.record.title}", ${describeProvenance(match.record.provenance)}${closeness})`,
    });
    if (left) {
      detached.push(left);
      fixes.push({
        kind: 'fields-kept',
        source: { ...record.source },
        id: from,
        listed: describeDetached(left),
        evidence: `they came with the link to ${from}, not with the title that moved to ${to}`,
      });
    }
  }
  return { detached, fixes };
}
