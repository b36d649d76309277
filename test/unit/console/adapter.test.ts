import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT, startConsoleAdapter } from '../../../adapters/console/index.ts';
import { commands } from '../../../src/commands/index.ts';
import { isPaperclubError } from '../../../src/errors.ts';
import { silentLogger } from '../../../src/log.ts';
import { DeliveryError } from '../../../src/ports.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { harness, type Harness } from '../commands/fixtures.ts';

async function collect(output: PassThrough): Promise<string> {
  output.setEncoding('utf8');
  let text = '';
  for await (const chunk of output) text += chunk as string;
  return text;
}

describe('console adapter', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ store: unavailableStore('not needed here') });
  });
  afterAll(async () => {
    await h.teardown();
  });

  async function session(lines: string[], options: { interactive?: boolean; admin?: boolean } = {}) {
    const input = new PassThrough();
    const output = new PassThrough();
    const adapter = await startConsoleAdapter({ commands, services: h.services, log: silentLogger(), input, output, ...options });
    const printed = collect(output);
    for (const line of lines) input.write(`${line}\n`);
    input.end();
    await adapter.done;
    output.end();
    return { text: await printed, adapter };
  }

  it('answers piped commands in order, with or without /paper, and ends at EOF', async () => {
    const { text } = await session(['/paper search lora', 'cite 1706.03762', 'serch x']);
    const search = text.indexOf('== Search: lora ==');
    const cite = text.indexOf('eprint');
    const typo = text.indexOf('Did you mean `search`?');
    expect(search).toBeGreaterThanOrEqual(0);
    expect(cite).toBeGreaterThan(search);
    expect(typo).toBeGreaterThan(cite);
    expect(text).not.toContain(PROMPT);
  });

  it('ends the session when the output fails (a reader gone: EPIPE), dropping the lines still queued', async () => {
    const input = new PassThrough();
    let writes = 0;
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        writes += 1;
        callback(writes === 1 ? null : Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const adapter = await startConsoleAdapter({ commands, services: h.services, log: silentLogger(), input, output });
    for (const line of ['search lora', 'search attention', 'cite 1706.03762', 'show lora']) input.write(`${line}\n`);
    // Input stays open: only the failed output can end this session.
    await adapter.done;
    expect(output.destroyed).toBe(true);
    expect(writes).toBe(2);
  });

  it('runs a button when its number is typed', async () => {
    const { text } = await session(['search lora', '1']);
    expect(text).toContain('  [1] Show LoRA');
    expect(text).toContain('paperclub id: 2106.09685');
  });

  it('keeps the buttons after a mistyped number, so the right number still works', async () => {
    const { text } = await session(['search lora', '99', '1']);
    expect(text).toMatch(/Choose a button from 1 to \d+\./);
    expect(text).not.toContain('There are no buttons to press here.');
    expect(text).toContain('paperclub id: 2106.09685');
  });

  it('ignores terminal escape sequences in what is typed (arrow keys, pasted colour codes)', async () => {
    const { text } = await session(['\u001b[2J', 'sea\u001b[Drch lora\u001b[A']);
    expect(text).not.toContain('There is no `` command');
    expect(text).toContain('== Search: lora ==');
  });

  it('explains a number with no button behind it', async () => {
    const { text } = await session(['7', 'search lora', '99']);
    expect(text).toContain('There are no buttons to press here.');
    expect(text).toMatch(/Choose a button from 1 to \d+\./);
  });

  it('shares into the channel when a share button is pressed', async () => {
    const expected = await h.run('show 1706.03762');
    const shareNumber = expected.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).findIndex((b) => b.share) + 1;
    expect(shareNumber).toBeGreaterThan(0);
    const { text } = await session(['show 1706.03762', String(shareNumber)]);
    expect(text).toContain('── posted in console:local ──\n» Attention Is All You Need');
    expect(text).toContain('Shared in console:local.');
  });

  it('greets, prompts after each answer and stops at /quit, ignoring later lines', async () => {
    const { text } = await session(['help', '/quit', 'search lora'], { interactive: true });
    expect(text.startsWith('paperclub console: you are in console:local as its admin.')).toBe(true);
    // The greeting's prompt only: /quit arrived before help was answered, so no prompt follows the answer.
    // (Usage lines such as `cite <paper> [format]` contain the prompt's characters; they are not prompts.)
    expect(text.replaceAll('<paper> ', '').split(PROMPT)).toHaveLength(2);
    expect(text).toContain('paperclub: /paper commands');
    expect(text).not.toContain('Search: lora');
  });

  it('does nothing for an empty line (it used to print the whole help), but shows help for /paper', async () => {
    const quiet = await session(['', '   ', '\t']);
    expect(quiet.text).toBe('');
    const interactive = await session(['', ''], { interactive: true });
    // The greeting and prompts, nothing else.
    expect(interactive.text.replace(/^paperclub console: [^\n]*\n/, '').split(PROMPT).join('')).toBe('');
    expect((await session(['/paper'])).text).toContain('paperclub: /paper commands');
  });

  it('edits the line and recalls history in a terminal (node:readline)', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const adapter = await startConsoleAdapter({ commands, services: h.services, log: silentLogger(), input, output, interactive: true, terminal: true });
    const printed = collect(output);
    // A terminal sends each key on its own.
    const type = async (...keys: string[]) => {
      for (const key of keys) {
        input.write(key);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const HOME = '\u001b[H';
    const UP = '\u001b[A';
    // "earch lora", Home, "s": the line reads "search lora".
    await type(...'earch lora', HOME, 's', '\r');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Up recalls it; Enter runs it again.
    await type(UP, '\r');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Ctrl-C leaves, as /quit does.
    await type('\u0003');
    await adapter.done;
    output.end();
    const text = await printed;
    expect(text.match(/== Search: lora ==/g)).toHaveLength(2);
    expect(text).not.toContain('There is no `earch` command');
    expect(text).toContain(PROMPT);
  });

  it('treats the terminal user as admin unless told otherwise', async () => {
    const { text } = await session(['topics add rope'], { admin: false });
    expect(text).toContain('Only channel admins can run `topics add`');
  });

  it('prints posts for console channels and refuses other platforms', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const adapter = await startConsoleAdapter({ commands, services: h.services, log: silentLogger(), input, output, channelName: 'club' });
    const printed = collect(output);
    const posted = await adapter.chat.post({ platform: 'console', workspace: '', channel: 'club' }, {
      visibility: 'in_channel',
      summary: 'New paper',
      blocks: [{ type: 'text', text: 'New paper on rope' }, { type: 'actions', buttons: [{ label: 'Show', command: 'show 2104.09864' }] }],
    });
    expect(posted.messageId).toMatch(/^console-\d+$/);
    const refused = await adapter.chat.post({ platform: 'slack', workspace: 'T', channel: 'C' }, { visibility: 'in_channel', summary: 's', blocks: [] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect((refused as DeliveryError).failure.kind).toBe('permanent');
    await adapter.stop();
    output.end();
    expect(await printed).toBe('\n── posted in console:club ──\nNew paper on rope\n  > Show: show 2104.09864\n── end of post ──\n');
  });

  it('refuses a channel name that is not a valid address', async () => {
    const error = await startConsoleAdapter({
      commands,
      services: h.services,
      log: silentLogger(),
      input: new PassThrough(),
      output: new PassThrough(),
      channelName: 'my channel',
    }).catch((e: unknown) => e);
    expect(isPaperclubError(error) && error.code).toBe('config_invalid');
  });
});
