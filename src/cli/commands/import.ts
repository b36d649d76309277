import { PaperclubError } from '../../errors.ts';
import { formatImportReport } from '../../library/report.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliDeps } from '../deps.ts';
import { type CliIo, write } from '../io.ts';

/** `import [--report]`: imports the seed lists; with --report prints the full import report. */
export async function importCommand(args: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', args, { report: { type: 'boolean' } });
  if (positionals.length > 0) throw new PaperclubError('bad_arguments', `import takes no arguments, got "${positionals.join(' ')}"`);
  const { library } = await deps.openLibrary();
  const { report } = library;
  if (values.report) {
    await write(io.stdout, formatImportReport(report).replace(/\n*$/, '\n'));
    return 0;
  }
  const files = report.files.filter((file) => file.format !== null).length;
  await write(
    io.stdout,
    `Imported ${library.entries.length} entries from ${files} of ${report.files.length} files ` +
      `(${report.merges.length} merges, ${report.conflicts.length} conflicts, ${report.repairs.length} repairs). ` +
      `Run "paperclub import --report" for details.\n`,
  );
  return 0;
}
