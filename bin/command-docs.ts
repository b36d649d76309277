/**
 * The command reference in docs/cli.md, generated from the command definitions, so the docs list
 * exactly the commands that exist. `npx tsx bin/command-docs.ts` rewrites the generated part;
 * test/unit/docs/command-docs.test.ts fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliUsage } from '../adapters/cli/help.ts';
import { describeCommands } from '../src/commands/help-text.ts';
import { allCommands } from '../src/commands/index.ts';
import type { CommandDef } from '../src/commands/types.ts';

export const CLI_DOC = fileURLToPath(new URL('../docs/cli.md', import.meta.url));
export const BEGIN = '<!-- generated from the command definitions by bin/command-docs.ts: edit those, then run `npx tsx bin/command-docs.ts` -->';
export const END = '<!-- end of generated reference -->';

/** `|` inside a table cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function cliReferenceTable(commands: readonly CommandDef[]): string {
  const rows = describeCommands(commands)
    .filter((d) => d.name !== 'help')
    .map((d) => {
      const who = d.def.audience === 'operator' ? 'operator only' : d.admin ? 'chat admins' : 'everyone';
      return `| \`${cell(cliUsage(d))}\` | ${who} | ${cell(d.description)} |`;
    });
  return ['| Command | In chat | What it does |', '|---|---|---|', ...rows, '| `paperclub help [command]`, `paperclub <command> --help` | everyone | Every command, or one command\'s arguments, options and examples |'].join('\n');
}

/** The doc with its generated part replaced by `table`. */
export function withReference(doc: string, table: string): string {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`docs/cli.md needs the markers ${BEGIN} … ${END}`);
  return `${doc.slice(0, begin + BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const doc = readFileSync(CLI_DOC, 'utf8');
  writeFileSync(CLI_DOC, withReference(doc, cliReferenceTable(allCommands)));
  process.stdout.write(`updated ${CLI_DOC}\n`);
}
