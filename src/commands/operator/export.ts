/**
 * `export [--format json|bibtex|…]`: the whole library as one file. `json` (the default) is paperclub's
 * own entry shape (docs/cli.md); every citation format works too, with keys unique across the library.
 */
import { toExportJson } from '../../cli/json.ts';
import { formatCitations } from '../../citations/format-citation.ts';
import { CITATION_FORMAT_ALIASES, CITATION_FORMATS, OTHER_CITATION_STYLES, type CitationFormat } from '../../citations/formats.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';

const OWN_JSON = 'json';

export const exportLibrary: SubcommandDef = {
  kind: 'subcommand',
  name: 'export',
  scope: 'anywhere',
  audience: 'operator',
  description: "The whole library in one file: paperclub's JSON (default) or any citation format",
  options: [
    {
      name: 'format',
      description: "json (paperclub's entries, default) or a citation format",
      type: 'string',
      required: false,
      choices: [OWN_JSON, ...CITATION_FORMATS],
      aliases: CITATION_FORMAT_ALIASES,
      refused: OTHER_CITATION_STYLES,
    },
  ],
  examples: ['export', 'export --format bibtex', 'export --format csl-json'],
  async run(ctx, args) {
    const { entries } = ctx.services.library;
    const format = String(args.format ?? OWN_JSON);
    if (format === OWN_JSON) {
      const data = entries.map(toExportJson);
      return { ...infoMessage(`Exported ${entries.length} entries as paperclub JSON.`), data, document: `${JSON.stringify(data, null, 2)}\n` };
    }
    const text = formatCitations(entries, format as CitationFormat);
    return { ...infoMessage(`Exported ${entries.length} entries as ${format}.`), data: { format, text }, document: text };
  },
};
