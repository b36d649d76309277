/** `import [--report]`: what importing the seed lists gave; `--report` has every merge, conflict and repair. */
import { formatImportReport } from '../../library/report.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';

export const importLists: SubcommandDef = {
  kind: 'subcommand',
  name: 'import',
  scope: 'anywhere',
  audience: 'operator',
  description: 'Import the seed lists: counts, or with --report every merge, conflict, repair and gap',
  options: [{ name: 'report', description: 'The full import report', type: 'boolean', required: false }],
  examples: ['import', 'import --report'],
  async run(ctx, args) {
    const { library } = ctx.services;
    const { report } = library;
    if (args.report === true) {
      const text = formatImportReport(report).replace(/\n*$/, '\n');
      return { ...infoMessage(`Import report: ${library.size} entries.`), blocks: [{ type: 'code', text }], data: report, document: text };
    }
    const recognised = report.files.filter((file) => file.format !== null).length;
    const text =
      `Imported ${library.size} entries from ${recognised} of ${report.files.length} files ` +
      `(${report.merges.length} merges, ${report.conflicts.length} conflicts, ${report.repairs.length} repairs). ` +
      'Run "paperclub import --report" for details.';
    const data = {
      entries: library.size,
      files: report.files.length,
      recognised,
      merges: report.merges.length,
      conflicts: report.conflicts.length,
      repairs: report.repairs.length,
    };
    return { ...infoMessage(text), data };
  },
};
