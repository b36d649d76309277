/** What the paper commands share: resolving a paper, its queue position, and its buttons. */
import { isPaperclubError, PaperclubError } from '../errors.ts';
import type { PaperEntry } from '../library/types.ts';
import type { Button } from '../messages/message.ts';
import { resolvePaper } from '../search/resolve.ts';
import { parseTopic } from '../topics/parse.ts';
import { clip } from '../text/clip.ts';
import { unquote } from '../text/normalize.ts';
import { commandLine } from './command-line.ts';
import type { CommandContext, CommandServices, OptionDef } from './types.ts';

/** Long enough for any title or URL; a pasted page gets a clear "too long" instead of a slow search. */
export const MAX_QUERY_LENGTH = 500;

export const paperOption = (description: string, required = true): OptionDef => ({
  name: 'paper',
  description,
  type: 'string',
  required,
  rest: true,
  autocomplete: 'paper',
  maxLength: MAX_QUERY_LENGTH,
});

/** The paper an id (any form) or a query names; `paper_not_found` when nothing does. */
export function requirePaper(services: CommandServices, idOrQuery: string): PaperEntry {
  const text = unquote(idOrQuery);
  const entry = resolvePaper(services.library, services.search, text);
  if (!entry) {
    throw new PaperclubError('paper_not_found', `No paper in the library matches "${clip(text)}".`, { query: clip(text, 200) });
  }
  return entry;
}

/** The numbered seed list: every channel's queue starts from it. */
export function initialQueue(services: CommandServices): string[] {
  return services.library.readingOrder();
}

/** 1-based queue position, or undefined when not queued or when channel state is unavailable (lookups work without Redis). */
export async function queuePosition(ctx: CommandContext, paperId: string): Promise<number | undefined> {
  try {
    const queue = await ctx.services.store.queue(ctx.channel, initialQueue(ctx.services));
    const index = queue.findIndex((q) => q.paperId === paperId);
    return index < 0 ? undefined : index + 1;
  } catch (error) {
    if (isPaperclubError(error) && error.code === 'storage_unavailable') return undefined;
    throw error;
  }
}

/** A short name for a button label: the a.k.a., else the title, cut to fit any platform's label. */
export function shortName(entry: PaperEntry, max = 40): string {
  return clip(entry.aka[0] ?? entry.title, max);
}

/**
 * The tag "Track tags" offers. Tags mix explicit `#tags` with the section headings a paper sits under,
 * so prefer the most specific: a tag that is also one of the paper's names (DPO's `#DPO`), then a short
 * tag (at most three words), then any tag that is a valid topic on its own. A tag with spaces is offered
 * as a quoted phrase, so `Mixture of Experts` tracks that phrase.
 */
export function trackableTag(entry: PaperEntry): string | null {
  const names = new Set(entry.aka.map((a) => a.toLowerCase()));
  const candidates: Array<{ topic: string; rank: number; order: number }> = [];
  entry.tags.forEach((tag, order) => {
    const clean = tag.replace(/^#/, '').trim();
    if (clean === '' || /["“”]/.test(clean)) return;
    const topic = /\s/.test(clean) ? `"${clean}"` : clean;
    if (!parseTopic(topic).ok) return;
    const rank = names.has(clean.toLowerCase()) ? 0 : clean.split(/\s+/).length <= 3 ? 1 : 2;
    candidates.push({ topic, rank, order });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return candidates[0]?.topic ?? null;
}

export function shareButton(command: string): Button {
  return { label: 'Share in channel', command, share: true };
}

/** Votes for the paper as the club's next read (`club vote`), as whoever clicks it. */
export function voteButton(entry: PaperEntry, label = 'Vote'): Button {
  return { label, command: commandLine('club', 'vote', entry.id) };
}

/** The buttons under a full card: cite formats, add to club, vote, track tags, share. */
export function paperButtons(entry: PaperEntry): Button[] {
  const buttons: Button[] = [
    { label: 'Cite BibTeX', command: commandLine('cite', entry.id, 'bibtex') },
    { label: 'Cite APA', command: commandLine('cite', entry.id, 'apa') },
    { label: 'Cite RIS', command: commandLine('cite', entry.id, 'ris') },
    { label: 'Add to club', command: commandLine('club', 'add', entry.id) },
    voteButton(entry),
  ];
  const tag = trackableTag(entry);
  // The topic keeps its quotes as one argument: `topics add "mixture of experts"`.
  if (tag) buttons.push({ label: `Track ${clip(tag.replace(/"/g, ''), 30)}`, command: `topics add ${tag}` });
  buttons.push(shareButton(commandLine('show', entry.id)));
  return buttons;
}
