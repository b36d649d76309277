import { formatCitation } from '../../citations/format-citation.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliDeps } from '../deps.ts';
import { type CliIo, write } from '../io.ts';
import { citationFormatOption } from './formats.ts';
import { requireQuery, resolveOrFail } from './resolve-arg.ts';

/** `cite <id|query> [--format F]`, BibTeX unless told otherwise. */
export async function citeCommand(args: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs('cite', args, { format: { type: 'string', short: 'f' } });
  const format = citationFormatOption('cite', values.format, 'bibtex');
  const query = requireQuery('cite', positionals);
  const entry = resolveOrFail('cite', await deps.openLibrary(), query);
  await write(io.stdout, formatCitation(entry, format));
  return 0;
}
