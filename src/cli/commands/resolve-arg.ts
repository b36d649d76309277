import { PaperclubError } from '../../errors.ts';
import type { PaperEntry } from '../../library/types.ts';
import { resolvePaper } from '../../search/resolve.ts';
import type { OpenLibrary } from '../deps.ts';

/** The paper an `<id|query>` argument names, or a `paper_not_found` error saying what was asked. */
export function resolveOrFail(command: string, open: OpenLibrary, idOrQuery: string): PaperEntry {
  const entry = resolvePaper(open.library, open.index, idOrQuery);
  if (!entry) throw new PaperclubError('paper_not_found', `no paper in the library matches "${idOrQuery}"`, { command, idOrQuery });
  return entry;
}

export function requireQuery(command: string, positionals: readonly string[]): string {
  const query = positionals.join(' ').trim();
  if (query === '') throw new PaperclubError('bad_arguments', `${command} needs a paper id, link or search words`, { command });
  return query;
}
