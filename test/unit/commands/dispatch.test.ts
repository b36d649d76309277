import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { runCommand } from '../../../src/commands/dispatch.ts';
import type { AnywhereSubcommandDef, CommandContext, CommandDef } from '../../../src/commands/types.ts';
import { validateCommands } from '../../../src/commands/validate.ts';
import { PaperclubError } from '../../../src/errors.ts';
import { infoMessage, UNEXPECTED_ERROR_TEXT } from '../../../src/messages/cards.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { harness, visibleText } from './fixtures.ts';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

const boom: AnywhereSubcommandDef = {
  kind: 'subcommand',
  name: 'boom',
  scope: 'anywhere',
  description: 'Fails unexpectedly',
  options: [],
  examples: [],
  async run() {
    throw new TypeError("Cannot read properties of undefined (reading 'title')");
  },
};
const guarded: AnywhereSubcommandDef = {
  kind: 'subcommand',
  name: 'guarded',
  scope: 'anywhere',
  description: 'Admins only',
  admin: true,
  options: [{ name: 'n', description: 'A number', type: 'integer', required: true }],
  examples: [],
  async run(_ctx, args) {
    return infoMessage(`ran with ${String(args.n)}`);
  },
};

async function ctxWith(log: CommandContext['log'], isAdmin: boolean, platform: 'slack' | 'discord' = 'slack'): Promise<CommandContext> {
  const h = await harness({ store: unavailableStore('test') });
  return { actor: { id: 'U1', isAdmin }, channel: { platform, workspace: 'W', channel: 'C' }, log, services: h.services };
}

describe('runCommand', () => {
  it('answers an unexpected failure with an apology, logs it, and never leaks the stack', async () => {
    const { log, lines } = capturingLogger();
    const reply = await runCommand([boom], await ctxWith(log, true), { kind: 'text', text: 'boom' });
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.error).toBe(true);
    expect(visibleText(reply)).toBe(UNEXPECTED_ERROR_TEXT);
    expect(visibleText(reply)).not.toMatch(/TypeError|at .*\.ts/);
    const logged = lines.find((l) => l.msg === 'command failed unexpectedly');
    expect(logged).toMatchObject({ command: 'boom', channel: 'slack:W/C', actor: 'U1', level: 50 });
    expect(JSON.stringify(logged)).toContain('reading \'title\'');
  });

  it('refuses admin commands to members, naming who may run them per platform', async () => {
    const { log } = capturingLogger();
    const slack = await runCommand([guarded], await ctxWith(log, false, 'slack'), { kind: 'text', text: 'guarded 3' });
    expect(visibleText(slack)).toContain('Only the admins listed in SLACK_ADMIN_USERS can run `guarded`');
    const discord = await runCommand([guarded], await ctxWith(log, false, 'discord'), { kind: 'structured', path: ['guarded'], args: { n: 3 } });
    expect(visibleText(discord)).toContain('Only members with the Manage Channels permission can run `guarded`');
    const admin = await runCommand([guarded], await ctxWith(log, true), { kind: 'structured', path: ['guarded'], args: { n: 3 } });
    expect(visibleText(admin)).toBe('ran with 3');
  });

  it('checks structured arguments like text ones', async () => {
    const { log } = capturingLogger();
    const ctx = await ctxWith(log, true);
    expect(visibleText(await runCommand([guarded], ctx, { kind: 'structured', path: ['guarded'], args: { n: '7' } }))).toBe('ran with 7');
    expect(visibleText(await runCommand([guarded], ctx, { kind: 'structured', path: ['guarded'], args: {} }))).toContain('`guarded` needs a n');
    expect(visibleText(await runCommand([guarded], ctx, { kind: 'structured', path: ['guarded'], args: { n: 1, x: 'y' } }))).toContain('has no option `x`');
    expect(visibleText(await runCommand([guarded], ctx, { kind: 'structured', path: ['nope'], args: {} }))).toContain('There is no `nope` command');
  });

  it('logs expected failures with their code, not as errors', async () => {
    const { log, lines } = capturingLogger();
    const failing: AnywhereSubcommandDef = { ...boom, name: 'gone', run: () => Promise.reject(new PaperclubError('paper_not_found', 'No such paper.', { query: 'x' })) };
    const reply = await runCommand([failing], await ctxWith(log, true), { kind: 'text', text: 'gone' });
    expect(visibleText(reply)).toContain('No such paper.');
    expect(lines.find((l) => l.code === 'paper_not_found')).toMatchObject({ level: 30, context: { query: 'x' } });
    expect(lines.some((l) => (l.level as number) >= 50)).toBe(false);
  });

  it('answers empty input with help generated from the list', async () => {
    const { log } = capturingLogger();
    const reply = await runCommand([guarded], await ctxWith(log, true), { kind: 'text', text: '   ' });
    expect(visibleText(reply)).toContain('/paper guarded <n>: Admins only (admins)');
  });
});

describe('validateCommands', () => {
  it('throws on duplicate names at any level', () => {
    expect(() => validateCommands([boom, { ...boom }])).toThrow('Duplicate command name "boom"');
    const group: CommandDef = { kind: 'group', name: 'g', description: 'A group', subcommands: [{ ...guarded, name: 'a' }, { ...guarded, name: 'a' }] };
    expect(() => validateCommands([group])).toThrow('Duplicate command name "g a"');
  });

  it('throws on names and descriptions Discord would reject, and misplaced options', () => {
    expect(() => validateCommands([{ ...boom, name: 'Boom' }])).toThrow(/lowercase/);
    expect(() => validateCommands([{ ...boom, description: 'x'.repeat(101) }])).toThrow(/1-100/);
    const badOrder: AnywhereSubcommandDef = {
      ...guarded,
      options: [
        { name: 'a', description: 'A', type: 'string', required: false },
        { name: 'b', description: 'B', type: 'string', required: true },
      ],
    };
    expect(() => validateCommands([badOrder])).toThrow('Required option "guarded --b" must come before optional ones');
    const twoRests: AnywhereSubcommandDef = {
      ...guarded,
      options: [
        { name: 'a', description: 'A', type: 'string', required: true, rest: true },
        { name: 'b', description: 'B', type: 'string', required: false, rest: true },
      ],
    };
    expect(() => validateCommands([twoRests])).toThrow('more than one rest option');
  });

  it('accepts the real command list', async () => {
    const { commands } = await import('../../../src/commands/index.ts');
    expect(validateCommands(commands)).toBe(commands);
  });
});
