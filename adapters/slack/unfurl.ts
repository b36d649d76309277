/**
 * Link unfurls: an arXiv, Hugging Face paper or DOI link posted in a channel becomes the paper card.
 * The library entry wins; an arXiv paper the library does not have is looked up through the arXiv API.
 * Links that resolve to nothing are left alone (Slack shows its own preview, or none).
 */
import type { CommandServices } from '../../src/commands/types.ts';
import { parseArxivId } from '../../src/library/arxiv-id.ts';
import type { PaperEntry } from '../../src/library/types.ts';
import type { Logger } from '../../src/log.ts';
import { paperCardMessage } from '../../src/messages/cards.ts';
import type { Message } from '../../src/messages/message.ts';
import { renderMessage, type SlackBlock } from './render.ts';

/** The domains listed under `unfurl_domains` in manifest.yml. */
export const UNFURL_DOMAINS = ['arxiv.org', 'doi.org', 'huggingface.co'] as const;

const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org']);

/** The DOI in a doi.org link, or null. */
export function doiFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!DOI_HOSTS.has(parsed.hostname.toLowerCase())) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname.replace(/^\/+/, ''));
  } catch {
    return null;
  }
  return /^10\.\d{4,9}\/\S+$/.test(path) ? path : null;
}

/** Finds the paper a link points at: library first, then arXiv metadata. Null when nothing matches. */
export async function resolvePaperLink(url: string, services: CommandServices, log: Logger): Promise<PaperEntry | null> {
  const arxiv = parseArxivId(url);
  if (arxiv.ok) {
    const known = services.library.lookup(arxiv.id);
    if (known) return known;
    if (!services.arxiv) return null;
    try {
      return await services.arxiv.lookup(arxiv.id);
    } catch (error) {
      log.warn({ err: error, url, arxivId: arxiv.id }, 'arXiv lookup for an unfurl failed; leaving the link alone');
      return null;
    }
  }
  const doi = doiFromUrl(url);
  return doi ? (services.library.lookup(doi) ?? null) : null;
}

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
