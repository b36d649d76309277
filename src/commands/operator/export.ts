/**
 * `export [--format json|bibtex|…]`: the whole library as one file. `json` (the default) is paperclub's
 * own entry shape (docs/cli.md); every citation format works too, with keys unique across the library.
 * `export --history --channel <address>`: what that channel's club read (each paper once, in the order
 * it was read), BibTeX by default; papers the library no longer has are named, not silently dropped.
 */
import { toExportJson } from '../../cli/json.ts';
import { CITATION_FORMAT_ALIASES, CITATION_FORMATS, OTHER_CITATION_STYLES, type CitationFormat } from '../../citations/formats.ts';
import { PaperclubError } from '../../errors.ts';
import type { PaperEntry } from '../../library/types.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { Message } from '../../messages/message.ts';
import type { SubcommandDef } from '../types.ts';

const OWN_JSON = 'json';

export const exportLibrary: SubcommandDef = {
  kind: 'subcommand',
  name: 'export',
  scope: 'anywhere',
  audience: 'operator',
  description: "The library, or what a club read (--history), in one file: paperclub's JSON or a citation format",
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
    { name: 'history', description: "What the channel's club read (needs --channel); BibTeX unless --format", type: 'boolean', required: false, audience: 'operator' },
  ],
  examples: ['export', 'export --format bibtex', 'export --format csl-json', 'export --history --channel slack:T01/C01 --format csl-json'],
  async run(ctx, args) {
    if (args.history === true) {
      if (!ctx.channel) throw new PaperclubError('bad_arguments', '`export --history` exports one channel\'s club: name it with --channel <address>.');
      const archive = await ctx.services.store.archivedSessions(ctx.channel);
      const format = String(args.format ?? 'bibtex');
      // citation-js loads when a citation is asked for, not with the command set.
      const { exportHistory } = await import('../../club/history-export.ts');
      const { papers, missing, text } = await exportHistory(archive, ctx.services.library, format === OWN_JSON ? 'bibtex' : (format as CitationFormat));
      const note = missing.length > 0 ? ` Not in the library any more, so left out: ${missing.join(', ')}.` : '';
      const what = `the ${papers.length} paper${papers.length === 1 ? '' : 's'} the club read (${archive.length} session${archive.length === 1 ? '' : 's'})`;
      return exported(papers, format, text, `Exported ${what} as ${format === OWN_JSON ? 'paperclub JSON' : format}.${note}`);
    }
    const { entries } = ctx.services.library;
    const format = String(args.format ?? OWN_JSON);
    const text = format === OWN_JSON ? '' : await (await import('../../citations/format-citation.ts')).formatCitations(entries, format as CitationFormat);
    return exported(entries, format, text, `Exported ${entries.length} entries as ${format === OWN_JSON ? 'paperclub JSON' : format}.`);
  },
};

/** The file and its one-line report: paperclub JSON of the entries, or the citation text given. */
function exported(entries: readonly PaperEntry[], format: string, citations: string, report: string): Message {
  if (format === OWN_JSON) {
    const data = entries.map(toExportJson);
    return { ...infoMessage(report), data, document: `${JSON.stringify(data, null, 2)}\n` };
  }
  return { ...infoMessage(report), data: { format, text: citations }, document: citations };
}
