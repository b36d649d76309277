/**
 * The one table of CLI commands: dispatch and every help text come from it, so they cannot drift.
 * Admin commands (topics, digest, poll, status, resume) live in bin/admin-cli.ts and reach it through
 * `deps.admin`; they are listed here for help and dispatch only.
 */
import { citeCommand } from './commands/cite.ts';
import { enrichCommand } from './commands/enrich.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { searchCommand } from './commands/search.ts';
import { showCommand } from './commands/show.ts';
import type { CliDeps } from './deps.ts';
import type { CliIo } from './io.ts';

export type CommandRun = (args: readonly string[], io: CliIo, deps: CliDeps) => Promise<number>;

export interface CliCommand {
  name: string;
  /** Usage lines without the program name. */
  usage: string[];
  summary: string;
  /** Library commands run here; admin commands are handed to deps.admin with their argv. */
  run: CommandRun | 'admin';
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    name: 'search',
    usage: ['search "<query>" [--limit N] [--json]', 'search - [--limit N]   (one query per stdin line, one JSON array per line)'],
    summary: 'Find papers by title, nickname, author, tag, takeaway or any id',
    run: searchCommand,
  },
  { name: 'show', usage: ['show <id|query> [--json]'], summary: 'Everything the library knows about one paper', run: showCommand },
  {
    name: 'cite',
    usage: ['cite <id|query> [--format bibtex|biblatex|ris|csl-json|apa|vancouver|harvard]'],
    summary: 'Cite one paper (BibTeX unless --format says otherwise)',
    run: citeCommand,
  },
  {
    name: 'export',
    usage: ['export [--format json|csl-json|bibtex|biblatex|ris|apa|vancouver|harvard]'],
    summary: 'The whole library (paperclub JSON unless --format says otherwise)',
    run: exportCommand,
  },
  { name: 'import', usage: ['import [--report]'], summary: 'Import the seed lists; --report shows counts, merges, conflicts, repairs', run: importCommand },
  { name: 'enrich', usage: ['enrich [--force]'], summary: 'Fill missing arXiv metadata from the arXiv API into the seeds cache', run: enrichCommand },
  { name: 'topics', usage: ['topics …'], summary: 'Manage alert topics (admin)', run: 'admin' },
  { name: 'digest', usage: ['digest …'], summary: 'Preview or schedule the weekly digest (admin)', run: 'admin' },
  { name: 'poll', usage: ['poll …'], summary: 'Poll the arXiv feeds now (admin)', run: 'admin' },
  { name: 'status', usage: ['status'], summary: 'Queue, schedule and storage status (admin)', run: 'admin' },
  { name: 'resume', usage: ['resume --channel <address>'], summary: 'Restart deliveries to a blocked channel and post what it held back (admin)', run: 'admin' },
];

export function findCommand(name: string): CliCommand | undefined {
  return CLI_COMMANDS.find((command) => command.name === name);
}

export function usageText(program: string): string {
  const width = Math.max(...CLI_COMMANDS.map((c) => c.name.length));
  const lines = [
    `Usage: ${program} <command> [options]`,
    '',
    'Commands:',
    ...CLI_COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run "${program} <command> --help" for a command's options.`,
    'Configuration comes from the environment and .env (PAPERCLUB_SEEDS_DIR, ARXIV_API_URL, LOG_LEVEL, …).',
  ];
  return `${lines.join('\n')}\n`;
}

export function commandHelp(program: string, command: CliCommand): string {
  return `${command.summary}.\n\n${command.usage.map((u) => `Usage: ${program} ${u}`).join('\n')}\n`;
}
