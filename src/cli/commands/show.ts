import { parseCommandArgs } from '../args.ts';
import type { CliDeps } from '../deps.ts';
import { type CliIo, write } from '../io.ts';
import { toExportJson } from '../json.ts';
import { renderEntry } from '../text.ts';
import { requireQuery, resolveOrFail } from './resolve-arg.ts';

/** `show <id|query> [--json]`: one paper in full; --json prints the export shape of that entry. */
export async function showCommand(args: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs('show', args, { json: { type: 'boolean' } });
  const query = requireQuery('show', positionals);
  const entry = resolveOrFail('show', await deps.openLibrary(), query);
  await write(io.stdout, values.json ? `${JSON.stringify(toExportJson(entry), null, 2)}\n` : renderEntry(entry));
  return 0;
}
