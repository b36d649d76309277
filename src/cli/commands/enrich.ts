import { PaperclubError } from '../../errors.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliDeps } from '../deps.ts';
import { type CliIo, write } from '../io.ts';

/** `enrich [--force]`: fills missing arXiv metadata from the arXiv API into the seeds' cache file. */
export async function enrichCommand(args: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs('enrich', args, { force: { type: 'boolean' } });
  if (positionals.length > 0) throw new PaperclubError('bad_arguments', `enrich takes no arguments, got "${positionals.join(' ')}"`);
  const { library } = await deps.openLibrary();
  const result = await deps.enrich(library, { force: values.force === true });
  const lines =
    result.requested === 0
      ? ['Nothing to fetch: every arXiv paper is complete or already cached.']
      : [`Asked arXiv for ${result.requested} papers, got metadata for ${result.fetched}.`];
  if (result.missing.length > 0) lines.push(`arXiv does not know: ${result.missing.join(', ')}`);
  lines.push(`Cache: ${result.cacheFile}`);
  await write(io.stdout, `${lines.join('\n')}\n`);
  return 0;
}
