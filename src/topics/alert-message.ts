/**
 * What a channel sees when a paper matches its topics: one card per paper saying why it matched, or,
 * past the per-poll budget, one summary listing the rest. Plain text: renderers escape and trim.
 */
import type { FeedItem } from '../arxiv/feed-parse.ts';
import { arxivAbsUrl, arxivPdfUrl } from '../library/arxiv-id.ts';
import type { Block, Message } from '../messages/message.ts';
import { clip } from '../text/clip.ts';
import type { MatchField, TopicMatch } from './match.ts';

/** A matched feed item as delivery jobs carry it (small: job data is stored in Redis). */
export type AlertPaper = Pick<FeedItem, 'arxivId' | 'version' | 'title' | 'authors' | 'abstract' | 'categories' | 'announceType'> & {
  matches: TopicMatch[];
};

export const ALERT_LIMITS = { abstractChars: 600, authors: 10, summaryItems: 25 } as const;

const FIELD_NAMES: Record<MatchField, string> = { title: 'title', abstract: 'abstract', authors: 'authors', category: 'category' };

/** `moe OR "sparse experts"`: moe in the abstract */
export function matchReason(match: TopicMatch): string {
  const fields = match.fields.map((f) => FIELD_NAMES[f]);
  return `${match.topic}: ${match.terms.join(', ')} (${fields.join(', ')})`;
}

const KIND: Record<AlertPaper['announceType'], string> = {
  new: 'New paper',
  cross: 'Cross-listed paper',
  replace: 'New version',
  'replace-cross': 'New version (cross-list)',
  other: 'Paper',
};

export interface AlertMessageOptions {
  /**
   * The paper's id in the club's library, when the library has it: the alert then offers Show, Add to
   * club and Vote. Club commands work on library papers, so a paper the library lacks gets its links only.
   */
  libraryId?: string | null;
}

export function alertMessage(paper: AlertPaper, options: AlertMessageOptions = {}): Message {
  const authors =
    paper.authors.length > ALERT_LIMITS.authors
      ? `${paper.authors.slice(0, ALERT_LIMITS.authors).join(', ')} et al.`
      : paper.authors.join(', ');
  const version = paper.version !== null && paper.version > 1 ? `v${paper.version}` : '';
  const subtitle = [authors, `arXiv:${paper.arxivId}${version}`, paper.categories.join(', ')].filter((p) => p !== '').join(' · ');
  const blocks: Block[] = [
    {
      type: 'card',
      card: {
        title: paper.title,
        url: arxivAbsUrl(paper.arxivId),
        subtitle,
        text: clip(paper.abstract, ALERT_LIMITS.abstractChars),
        fields: [{ label: 'Why', value: paper.matches.map(matchReason).join('\n') }],
        links: [
          { label: 'arXiv', url: arxivAbsUrl(paper.arxivId) },
          { label: 'PDF', url: arxivPdfUrl(paper.arxivId) },
        ],
        footer: `${KIND[paper.announceType]} on ${paper.matches.map((m) => m.topic).join(', ')}`,
      },
    },
  ];
  const id = options.libraryId;
  if (id) {
    blocks.push({
      type: 'actions',
      buttons: [
        // Library ids are single words (src/library/ids.ts), so they need no quoting on a command line.
        { label: 'Show', command: `show ${id}` },
        { label: 'Add to club', command: `club add ${id}` },
        { label: 'Vote', command: `club vote ${id}` },
      ],
    });
  }
  return { visibility: 'in_channel', summary: `${KIND[paper.announceType]}: ${paper.title}`, blocks };
}

/** One message for the papers past the budget, instead of a flood. */
export function alertSummaryMessage(papers: readonly AlertPaper[], budget: number): Message {
  const shown = papers.slice(0, ALERT_LIMITS.summaryItems);
  const items = shown.map((p) => `${p.title} (arXiv:${p.arxivId}) · ${p.matches.map((m) => m.topic).join(', ')}`);
  const blocks: Block[] = [
    { type: 'text', text: `${papers.length} more new papers on your topics (over the ${budget} alerts per poll):` },
    { type: 'list', items },
  ];
  if (papers.length > shown.length) {
    blocks.push({ type: 'context', text: `and ${papers.length - shown.length} more; they will be in the weekly digest.` });
  }
  return { visibility: 'in_channel', summary: `${papers.length} more new papers on your topics`, blocks };
}
