/**
 * Link unfurls: an arXiv, Hugging Face paper or DOI link posted in a channel becomes the paper card.
 * Which paper a link names is the core's rule (resolvePaperLink: the library first, then the arXiv
 * API). Links that resolve to nothing are left alone (Slack shows its own preview, or none).
 */
import type { CommandServices } from '../../src/commands/types.ts';
import type { PaperEntry } from '../../src/library/types.ts';
import type { Logger } from '../../src/log.ts';
import { paperCardMessage } from '../../src/messages/cards.ts';
import type { Message } from '../../src/messages/message.ts';
import { resolvePaperLink } from '../../src/search/resolve.ts';
import { renderMessage, type SlackBlock } from './render.ts';

/** The domains listed under `unfurl_domains` in manifest.yml. */
export const UNFURL_DOMAINS = ['arxiv.org', 'doi.org', 'huggingface.co'] as const;

export function unfurlMessage(entry: PaperEntry): Message {
  return paperCardMessage(entry, { visibility: 'in_channel' });
}

export type Unfurls = Record<string, { blocks: SlackBlock[] }>;

/** The `unfurls` argument of chat.unfurl for the links we can resolve (possibly empty). */
export async function buildUnfurls(
  links: ReadonlyArray<{ url: string }>,
  services: CommandServices,
  log: Logger,
): Promise<Unfurls> {
  const unfurls: Unfurls = {};
  const urls = [...new Set(links.map((l) => l.url))];
  const entries = await Promise.all(urls.map((url) => resolvePaperLink(url, services, log)));
  urls.forEach((url, i) => {
    const entry = entries[i];
    if (!entry) return;
    // A preview, not a conversation: no buttons.
    unfurls[url] = { blocks: renderMessage(unfurlMessage(entry), { dropButtons: true }).blocks };
  });
  return unfurls;
}
