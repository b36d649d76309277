/** `cite <id|query> [format]`: the citation in a copyable block, BibTeX unless asked otherwise. */
import { CITATION_FORMAT_ALIASES, CITATION_FORMATS, OTHER_CITATION_STYLES, type CitationFormat } from '../citations/formats.ts';
import type { Button } from '../messages/message.ts';
import { commandLine } from './command-line.ts';
import { paperOption, requirePaper, shareButton } from './papers.ts';
import type { SubcommandDef } from './types.ts';

export const FORMAT_LABELS: Record<CitationFormat, string> = {
  bibtex: 'BibTeX',
  biblatex: 'BibLaTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
  apa: 'APA',
  vancouver: 'Vancouver',
  harvard: 'Harvard',
};

/** Code-block language hints; the prose styles are plain text. */
const LANGUAGE: Partial<Record<CitationFormat, string>> = { bibtex: 'bibtex', biblatex: 'bibtex', 'csl-json': 'json' };

export const cite: SubcommandDef = {
  kind: 'subcommand',
  name: 'cite',
  scope: 'anywhere',
  description: 'Cite a paper (BibTeX by default; also BibLaTeX, RIS, CSL-JSON, APA, Vancouver, Harvard)',
  options: [
    paperOption('An id (arXiv id, URL, DOI) or words from the title'),
    {
      name: 'format',
      description: 'Citation format (default bibtex)',
      type: 'string',
      required: false,
      choices: CITATION_FORMATS,
      aliases: CITATION_FORMAT_ALIASES,
      refused: OTHER_CITATION_STYLES,
    },
  ],
  examples: ['cite 2106.09685', 'cite lora apa', 'cite "attention is all you need" ris'],
  async run(ctx, args) {
    const entry = requirePaper(ctx.services, String(args.paper));
    const format = (args.format ?? 'bibtex') as CitationFormat;
    // citation-js (about 0.15 s to load) loads with the first citation, not with the command set.
    const { formatCitation } = await import('../citations/format-citation.ts');
    const text = (await formatCitation(entry, format)).trimEnd();
    const language = LANGUAGE[format];
    const others: Button[] = CITATION_FORMATS.filter((f) => f !== format).map((f) => ({
      label: FORMAT_LABELS[f],
      command: commandLine('cite', entry.id, f),
    }));
    return {
      visibility: 'ephemeral',
      summary: `${FORMAT_LABELS[format]} citation: ${entry.title}`,
      data: { id: entry.id, format, citation: text },
      document: `${text}\n`,
      blocks: [
        { type: 'context', text: `${FORMAT_LABELS[format]} · ${entry.title}` },
        { type: 'code', text, ...(language ? { language } : {}) },
        { type: 'actions', buttons: [...others, shareButton(commandLine('cite', entry.id, format))] },
      ],
    };
  },
};
