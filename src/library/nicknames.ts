/**
 * The nickname rule for numbered-list titles (`DPO; Direct Preference …`, `GPT3: Language Models …`).
 *
 * - `Nick; Title`: the part before `;` is always a nickname.
 * - `Nick: Title`: the prefix is a nickname when evidence says the real title lacks it: another list
 *   (or the enrichment cache) gives the same work's title as the remainder. When another source gives
 *   the title *with* the prefix (`LoRA: Low-Rank Adaptation …`), the prefix is part of the real title.
 * - Without evidence, a prefix that is a model name glued to a version number (`GPT2`, `GPT3`, `T5`)
 *   is a nickname; paper titles that coin a versioned name write it as its own words (`Llama 2: …`).
 *   So is the family name of such a versioned nickname in the same lists (`GPT`, beside `GPT2` and
 *   `GPT3`): a list that names GPT-2 and GPT-3 by model names does the same for GPT.
 * - Otherwise the title is kept whole: never invent a title the evidence does not support.
 * Either way the prefix is recorded as an a.k.a., because the club calls the paper by it.
 */
import type { RawRecord } from './raw.ts';
import { normaliseTitle } from './titles.ts';

const VERSIONED_NAME = /^[A-Za-z]+\d+$/;

export type NicknameDecision = 'split' | 'keep';

/** Titles other sources give, by arXiv id and by normalised title, to decide prefixes against. */
export interface TitleEvidence {
  byArxivId: Map<string, string[]>;
  known: Set<string>;
  /** Lower-cased families of versioned nickname prefixes (`gpt` for `GPT2:`/`GPT3:`). */
  versionedFamilies: Set<string>;
}

export function collectEvidence(records: readonly RawRecord[], cacheTitles: ReadonlyMap<string, string>): TitleEvidence {
  const byArxivId = new Map<string, string[]>();
  const known = new Set<string>();
  const versionedFamilies = new Set<string>();
  for (const r of records) {
    if (r.nickname && VERSIONED_NAME.test(r.nickname.prefix)) versionedFamilies.add(r.nickname.prefix.replace(/\d+$/, '').toLowerCase());
    if (!r.title || r.titleIsLabel || r.nickname) continue;
    known.add(normaliseTitle(r.title));
    if (r.arxivId) byArxivId.set(r.arxivId, [...(byArxivId.get(r.arxivId) ?? []), r.title]);
  }
  for (const [id, title] of cacheTitles) {
    known.add(normaliseTitle(title));
    byArxivId.set(id, [...(byArxivId.get(id) ?? []), title]);
  }
  return { byArxivId, known, versionedFamilies };
}

export function decideNickname(record: RawRecord, evidence: TitleEvidence): NicknameDecision {
  const nick = record.nickname;
  if (!nick) return 'keep';
  if (nick.separator === ';') return 'split';
  const rest = normaliseTitle(nick.rest);
  const full = normaliseTitle(`${nick.prefix}: ${nick.rest}`);
  const sameWork = record.arxivId ? (evidence.byArxivId.get(record.arxivId) ?? []).map(normaliseTitle) : [];
  if (sameWork.includes(full)) return 'keep';
  if (sameWork.includes(rest)) return 'split';
  if (evidence.known.has(full)) return 'keep';
  if (evidence.known.has(rest)) return 'split';
  return VERSIONED_NAME.test(nick.prefix) || evidence.versionedFamilies.has(nick.prefix.toLowerCase()) ? 'split' : 'keep';
}

/** Applies the rule to every record with a prefix: a split moves the prefix from the title to aka. */
export function resolveNicknames(records: RawRecord[], cacheTitles: ReadonlyMap<string, string>): void {
  const evidence = collectEvidence(records, cacheTitles);
  for (const record of records) {
    const nick = record.nickname;
    if (!nick) continue;
    if (decideNickname(record, evidence) === 'split') record.title = nick.rest;
    if (!record.aka.some((a) => a.toLowerCase() === nick.prefix.toLowerCase())) record.aka.push(nick.prefix);
  }
}
