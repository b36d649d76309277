import { formatCitations } from '../../citations/format-citation.ts';
import { PaperclubError } from '../../errors.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliDeps } from '../deps.ts';
import { type CliIo, write } from '../io.ts';
import { toExportJson } from '../json.ts';
import { citationFormatOption } from './formats.ts';

/**
 * `export [--format json|csl-json|bibtex|…]`: the whole library. `json` (the default) is paperclub's
 * own entry shape; every citation format is accepted as well, with keys unique across the library.
 */
export async function exportCommand(args: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs('export', args, { format: { type: 'string', short: 'f' } });
  if (positionals.length > 0) throw new PaperclubError('bad_arguments', `export takes no arguments, got "${positionals.join(' ')}"`);
  const wantsJson = values.format === undefined || (typeof values.format === 'string' && values.format.trim().toLowerCase() === 'json');
  // Validate the format before the (slower) import, so a typo fails at once.
  const format = wantsJson ? null : citationFormatOption('export', values.format, 'bibtex', ['json']);
  const { library } = await deps.openLibrary();
  const text = format ? formatCitations(library.entries, format) : `${JSON.stringify(library.entries.map(toExportJson), null, 2)}\n`;
  await write(io.stdout, text);
  return 0;
}
