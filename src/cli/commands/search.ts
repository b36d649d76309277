import { createInterface } from 'node:readline';
import type { SearchIndex } from '../../search/search-index.ts';
import { parseCommandArgs, positiveInt } from '../args.ts';
import type { CliDeps } from '../deps.ts';
import { type CliIo, write } from '../io.ts';
import { toSearchResultJson } from '../json.ts';
import { renderSearchHits } from '../text.ts';
import { PaperclubError } from '../../errors.ts';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

const jsonLine = (index: SearchIndex, query: string, limit: number): string =>
  `${JSON.stringify(query.trim() === '' ? [] : index.search(query, { limit }).map(toSearchResultJson))}\n`;

/**
 * `search "<query>" [--limit N] [--json]`, or `search -` to answer one query per stdin line with one
 * JSON array per line, in order, as each line arrives (so another program can hold a pipe open).
 */
export async function searchCommand(args: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs('search', args, { limit: { type: 'string' }, json: { type: 'boolean' } });
  const limit = positiveInt('search', 'limit', values.limit, DEFAULT_LIMIT, MAX_LIMIT);
  if (positionals.length === 0) throw new PaperclubError('bad_arguments', 'search needs a query (or - to read queries from stdin)');
  const query = positionals.join(' ');
  const { index } = await deps.openLibrary();

  if (query === '-') {
    // Streaming mode always answers in JSON: one line in, one line out.
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) await write(io.stdout, jsonLine(index, line, limit));
    return 0;
  }
  if (values.json) {
    await write(io.stdout, jsonLine(index, query, limit));
    return 0;
  }
  await write(io.stdout, renderSearchHits(query, index.search(query, { limit })));
  return 0;
}
