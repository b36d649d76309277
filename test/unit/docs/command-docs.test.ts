/**
 * The docs may not drift from the command definitions: docs/cli.md's reference is generated from
 * them (bin/command-docs.ts), docs/commands.md's table lists exactly chat's commands, and every
 * `paperclub …` line in README.md and docs/cli.md parses as the CLI would read it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../../adapters/cli/argv.ts';
import { CLI_DOC, cliReferenceTable, withReference } from '../../../bin/command-docs.ts';
import { describeCommands } from '../../../src/commands/help-text.ts';
import { bindArguments } from '../../../src/commands/parse.ts';
import { allCommands, commands } from '../../../src/commands/index.ts';
import { shellWords } from '../../helpers/shell.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** The `paperclub …` lines of a markdown file's code blocks, without comments. */
function shellLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    // Usage lines with placeholders (`paperclub <command>`) are not examples.
    .filter((line) => line.startsWith('paperclub ') && !line.includes('<'))
    .map((line) => line.replace(/\s*[|>].*$/, ''));
}

describe('command docs', () => {
  it('docs/cli.md carries the reference generated from the definitions (npx tsx bin/command-docs.ts)', () => {
    const doc = readFileSync(CLI_DOC, 'utf8');
    expect(doc).toBe(withReference(doc, cliReferenceTable(allCommands)));
  });

  it("docs/commands.md's table lists exactly chat's commands, with their usage and who may run them", () => {
    const rows = [...read('docs/commands.md').matchAll(/^\| `([^`]+)` \| (everyone|admins) \|/gm)].map((m) => ({
      usage: m[1]!.replace(/\\\|/g, '|'),
      admin: m[2] === 'admins',
    }));
    expect(rows).toEqual(describeCommands(commands).map((d) => ({ usage: d.usage, admin: d.admin })));
  });

  it('every paperclub example in README.md and docs/cli.md is a command the CLI reads', () => {
    const lines = [...shellLines(read('README.md')), ...shellLines(read('docs/cli.md'))];
    expect(lines.length).toBeGreaterThanOrEqual(15);
    for (const line of lines) {
      // `[--limit N]`-style placeholders are documentation, not arguments.
      const argv = shellWords(line.replace(/\s\[[^\]]*\]/g, '')).slice(1);
      expect(() => {
        const invocation = parseInvocation(allCommands, argv);
        if (invocation.kind === 'run' && !invocation.stdin) bindArguments(invocation.path, invocation.def, invocation.flags, invocation.positional);
      }, line).not.toThrow();
    }
  });

  it("README's command table names every chat command", () => {
    const readme = read('README.md');
    for (const d of describeCommands(commands)) expect(readme, d.name).toContain(`\`${d.name}`);
  });
});
