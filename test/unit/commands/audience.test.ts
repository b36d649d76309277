/**
 * Operator commands and options are defined like every other command, and chat never offers them:
 * not in the chat parser, not in /paper help, not in Slack's usage hint, not in Discord's registration.
 */
import { describe, expect, it } from 'vitest';
import { buildPaperCommand } from '../../../adapters/discord/registration.ts';
import { slashCommandUsageHint } from '../../../adapters/slack/manifest.ts';
import { parseCommandLine } from '../../../src/commands/parse.ts';
import { allCommands, commands } from '../../../src/commands/index.ts';
import type { AnywhereSubcommandDef } from '../../../src/commands/types.ts';
import { validateCommands } from '../../../src/commands/validate.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { harness, visibleText } from './fixtures.ts';

const OPERATOR_COMMANDS = ['poll', 'resume', 'enrich', 'import', 'export'];

describe('who is offered what', () => {
  it('the CLI has every command; chat has all but the operator ones', () => {
    const names = (list: typeof commands) => list.map((c) => c.name);
    expect(names(allCommands)).toEqual(expect.arrayContaining([...names(commands), ...OPERATOR_COMMANDS]));
    for (const name of OPERATOR_COMMANDS) expect(names(commands)).not.toContain(name);
  });

  it('chat refuses operator commands and options as unknown', async () => {
    expect(parseCommandLine(commands, 'poll --once')).toMatchObject({ ok: false, error: expect.stringContaining('There is no `poll` command') });
    expect(parseCommandLine(commands, 'status --all')).toMatchObject({ ok: false, error: expect.stringContaining('`status` has no option `--all`') });
    expect(parseCommandLine(commands, 'search lora --limit 50')).toMatchObject({ ok: false, error: expect.stringContaining('has no option `--limit`') });
    expect(parseCommandLine(allCommands, 'status --all')).toMatchObject({ ok: true, args: { all: true } });
  });

  it('neither /paper help, Slack nor Discord offers them', async () => {
    const h = await harness({ store: unavailableStore('not needed') });
    const help = visibleText(await h.run('help'));
    const hint = slashCommandUsageHint(commands);
    const discord = JSON.stringify(buildPaperCommand(commands));
    for (const name of OPERATOR_COMMANDS) {
      expect(help).not.toContain(`/paper ${name}`);
      expect(hint).not.toMatch(new RegExp(`\\b${name}\\b`));
      expect(discord).not.toContain(`"name":"${name}"`);
    }
    expect(discord).not.toContain('"name":"all"');
    expect(discord).not.toContain('"name":"limit"');
    expect(visibleText(await h.run('help status'))).not.toContain('--all');
    await h.teardown();
  });

  it('operator commands say where to run them if they ever reach a surface without operator services', async () => {
    const h = await harness({ store: unavailableStore('not needed') });
    const reply = await h.run('poll --once', { commands: allCommands });
    expect(reply.error).toBe(true);
    expect(visibleText(reply)).toContain('`poll` is an operator command: run it from the command line, `paperclub poll`.');
    await h.teardown();
  });

  it('switches are operator options only (Discord and chat text have no place for them)', () => {
    const def: AnywhereSubcommandDef = {
      kind: 'subcommand',
      name: 'demo',
      scope: 'anywhere',
      description: 'A demo',
      options: [{ name: 'force', description: 'Force', type: 'boolean', required: false }],
      examples: [],
      run: async () => ({ visibility: 'ephemeral', summary: '', blocks: [] }),
    };
    expect(() => validateCommands([def])).toThrow(/Switch "demo --force" must be an operator option/);
    expect(() => validateCommands([{ ...def, audience: 'operator' }])).not.toThrow();
  });
});
