/**
 * A listing that moves to another paper (its title names one paper, its link another) leaves behind
 * what came with the link. In the seeds, 002's LoRA row links IA3's id and carries IA3's row's
 * affiliation and a date: those describe the row it was copied from, not LoRA. So the affiliation and
 * date stay with the id the link names, as a detached record that fills that paper's gaps without
 * making the row one of its listings; the title, a.k.a., tags, takeaway and notes follow the title.
 */
import { arxivIdOf } from './arxiv-id.ts';
import { emptyRecord, type RawRecord } from './raw.ts';

/**
 * Takes `id` and the links carrying it off `record` (its arXiv id becomes null), and returns the
 * detached record holding its affiliation and date under `id`, or null when it had neither.
 */
export function detachFromId(record: RawRecord, id: string): RawRecord | null {
  const linked = record.links.filter((l) => arxivIdOf(l.url) === id);
  record.arxivId = null;
  record.links = record.links.filter((l) => arxivIdOf(l.url) !== id);
  if (record.affiliation === null && record.date === null) return null;
  const left = emptyRecord({ ...record.source }, record.format);
  left.detached = true;
  left.arxivId = id;
  left.links = linked;
  left.affiliation = record.affiliation;
  left.date = record.date;
  record.affiliation = null;
  record.date = null;
  return left;
}

/** `affiliation "X", date 2021-10` for reports. */
export function describeDetached(record: RawRecord): string {
  const parts: string[] = [];
  if (record.affiliation !== null) parts.push(`affiliation "${record.affiliation}"`);
  if (record.date !== null) parts.push(`date ${record.date}`);
  return parts.join(', ');
}
