/** `search <query> [--page N]`: ranked results as compact cards, five a page (`--limit` at the CLI). */
import { toSearchResultJson } from '../cli/json.ts';
import { PaperclubError } from '../errors.ts';
import type { Block, Button } from '../messages/message.ts';
import { infoMessage, paperCard } from '../messages/cards.ts';
import { clip } from '../text/clip.ts';
import { unquote } from '../text/normalize.ts';
import { commandLine } from './command-line.ts';
import { MAX_QUERY_LENGTH, shareButton, shortName, voteButton } from './papers.ts';
import type { SubcommandDef } from './types.ts';

export const PAGE_SIZE = 5;
const MAX_PAGE = 40;
const MAX_LIMIT = 100;

export const search: SubcommandDef = {
  kind: 'subcommand',
  name: 'search',
  scope: 'anywhere',
  description: 'Search the library by title, nickname, author, tag, takeaway or id',
  options: [
    { name: 'query', description: 'Words, a nickname (lora, dpo) or an id/URL', type: 'string', required: true, rest: true, maxLength: MAX_QUERY_LENGTH },
    { name: 'page', description: 'Page of results (5 a page)', type: 'integer', required: false, min: 1, max: MAX_PAGE },
    { name: 'limit', description: `Results a page (default ${PAGE_SIZE})`, type: 'integer', required: false, min: 1, max: MAX_LIMIT, audience: 'operator' },
  ],
  examples: ['search lora', 'search chinchila', 'search "attention is all you need"', 'search mixture of experts --page 2'],
  async run(ctx, args) {
    const query = unquote(String(args.query));
    if (query === '') {
      throw new PaperclubError('bad_arguments', '`search` needs words to look for: a title, a nickname (lora, dpo), an author or an id.');
    }
    const page = typeof args.page === 'number' ? args.page : 1;
    const size = typeof args.limit === 'number' ? args.limit : PAGE_SIZE;
    const offset = (page - 1) * size;
    // One extra hit tells whether there is a next page.
    const hits = ctx.services.search.search(query, { limit: size + 1, offset });
    const shown = hits.slice(0, size);
    const data = shown.map(toSearchResultJson);
    if (shown.length === 0) {
      const text =
        page === 1
          ? `No papers match "${clip(query)}". Try fewer words, a nickname (lora, dpo) or an arXiv id.`
          : `No more results for "${clip(query)}" (page ${page}).`;
      return { ...infoMessage(text), data };
    }
    const blocks: Block[] = [
      { type: 'header', text: `Search: ${clip(query, 80)}` },
      { type: 'context', text: `Results ${offset + 1}–${offset + shown.length}${page > 1 ? ` (page ${page})` : ''}` },
    ];
    for (const { entry } of shown) {
      blocks.push({ type: 'card', card: paperCard(entry, { compact: true }) });
      blocks.push({ type: 'actions', buttons: [{ label: `Show ${shortName(entry)}`, command: commandLine('show', entry.id) }, voteButton(entry, `Vote ${shortName(entry, 30)}`)] });
    }
    const sizeFlag = size === PAGE_SIZE ? '' : ` --limit ${size}`;
    const pageCommand = (n: number) => `${commandLine('search', query)}${n > 1 ? ` --page ${n}` : ''}${sizeFlag}`;
    const paging: Button[] = [];
    if (page > 1) paging.push({ label: 'Previous page', command: pageCommand(page - 1) });
    if (hits.length > size && page < MAX_PAGE) paging.push({ label: 'More results', command: pageCommand(page + 1), style: 'primary' });
    paging.push(shareButton(pageCommand(page)));
    blocks.push({ type: 'actions', buttons: paging });
    return { visibility: 'ephemeral', summary: `Search results for "${clip(query)}"`, blocks, data };
  },
};
