import { describe, expect, it } from 'vitest';
import { commandLine, tokenize } from '../../../src/commands/command-line.ts';
import { unquote } from '../../../src/text/normalize.ts';
import { parseCommandLine } from '../../../src/commands/dispatch.ts';
import { commands } from '../../../src/commands/index.ts';

const parse = (text: string) => parseCommandLine(commands, text);

describe('tokenize', () => {
  it('splits on whitespace and groups quotes, keeping the raw text', () => {
    expect(tokenize('  cite "attention is all"  apa ')).toEqual([
      { value: 'cite', raw: 'cite', quoted: false },
      { value: 'attention is all', raw: '"attention is all"', quoted: true },
      { value: 'apa', raw: 'apa', quoted: false },
    ]);
  });

  it('groups quotes inside a word and typographic quotes', () => {
    expect(tokenize('au:"Tri Dao" “mixture of experts”').map((t) => t.value)).toEqual(['au:Tri Dao', 'mixture of experts']);
  });

  it("keeps apostrophes inside words and runs an unterminated quote to the end", () => {
    expect(tokenize("what's new").map((t) => t.value)).toEqual(["what's", 'new']);
    expect(tokenize('say "hello world').map((t) => t.value)).toEqual(['say', 'hello world']);
  });

  it('commandLine quotes only what needs it, and round-trips', () => {
    expect(commandLine('cite', '2106.09685', 'apa')).toBe('cite 2106.09685 apa');
    const line = commandLine('search', 'say "hi" there');
    expect(line).toBe(`search 'say "hi" there'`);
    expect(tokenize(line).map((t) => t.value)).toEqual(['search', 'say "hi" there']);
    expect(unquote('"attention is all you need"')).toBe('attention is all you need');
  });
});

describe('parseCommandLine', () => {
  it('parses a rest option and a flag anywhere after the command', () => {
    expect(parse('search lora adapters --page 2')).toMatchObject({ ok: true, path: ['search'], args: { query: 'lora adapters', page: 2 } });
    expect(parse('search --page=3 lora')).toMatchObject({ ok: true, args: { query: 'lora', page: 3 } });
  });

  it('accepts the /paper prefix and any case in command names', () => {
    expect(parse('/paper SEARCH lora')).toMatchObject({ ok: true, path: ['search'], args: { query: 'lora' } });
    expect(parse('paper club NEXT')).toMatchObject({ ok: true, path: ['club', 'next'] });
  });

  it('lets a trailing format fill cite\'s format, but not swallow the whole query', () => {
    expect(parse('cite attention is all you need apa')).toMatchObject({ ok: true, args: { paper: 'attention is all you need', format: 'apa' } });
    expect(parse('cite lora APA')).toMatchObject({ ok: true, args: { paper: 'lora', format: 'apa' } });
    expect(parse('cite apa')).toMatchObject({ ok: true, args: { paper: 'apa' } });
    expect(parse('cite lora --format ris')).toMatchObject({ ok: true, args: { paper: 'lora', format: 'ris' } });
  });

  it('keeps a topic exactly as typed, quotes included', () => {
    expect(parse('topics add moe OR "sparse experts"')).toMatchObject({ ok: true, path: ['topics', 'add'], args: { topic: 'moe OR "sparse experts"' } });
  });

  it('parses three positional options', () => {
    expect(parse('digest schedule Mon 09:30 Europe/Berlin')).toMatchObject({
      ok: true,
      args: { weekday: 'Mon', time: '09:30', timezone: 'Europe/Berlin' },
    });
  });

  it('suggests the nearest command for a typo', () => {
    expect(parse('serch lora')).toEqual({ ok: false, error: 'There is no `serch` command. Did you mean `search`?' });
    expect(parse('club nxt')).toEqual({ ok: false, error: 'There is no `club nxt` command. Did you mean `club next`?' });
    expect(parse('sta')).toEqual({ ok: false, error: 'There is no `sta` command. Did you mean `status`?' });
  });

  it('suggests searching when the first word is no command at all', () => {
    const result = parse('chinchilla');
    expect(result).toEqual({ ok: false, error: 'There is no `chinchilla` command. To look for a paper, try `search chinchilla`.' });
  });

  it('asks for a subcommand of a group', () => {
    expect(parse('club')).toMatchObject({ ok: false, error: expect.stringMatching(/^`club` needs one of: `club next`, `club list`, `club vote`, .*`club done`, `club schedule`, `club skip`, `club unschedule`\.$/) });
  });

  it('reports bad arguments clearly', () => {
    expect(parse('search')).toEqual({ ok: false, error: '`search` needs a query: Words, a nickname (lora, dpo) or an id/URL.' });
    expect(parse('search lora --page two')).toEqual({ ok: false, error: '`page` must be a whole number, not "two".' });
    expect(parse('search lora --page 0')).toEqual({ ok: false, error: '`page` must be at least 1.' });
    expect(parse('search lora --color red')).toEqual({ ok: false, error: '`search` has no option `--color`; its options are --query, --page.' });
    expect(parse('search lora --page')).toEqual({ ok: false, error: '`--page` needs a value.' });
    expect(parse('cite lora --format chicago')).toEqual({
      ok: false,
      error: '"chicago" is not a format; choose one of: bibtex, biblatex, ris, csl-json, apa, vancouver, harvard.',
    });
    expect(parse('club next now')).toMatchObject({ ok: false, error: expect.stringContaining('"now" is extra') });
  });

  it('refuses a 10,000-character query with its length', () => {
    expect(parse(`search ${'a'.repeat(10_000)}`)).toEqual({ ok: false, error: 'That query is 10,000 characters long; keep it to 500 or fewer.' });
  });

  it('treats a quoted flag as a word', () => {
    expect(parse('search "--page"')).toMatchObject({ ok: true, args: { query: '"--page"' } });
  });

  it('maps empty input to help', () => {
    expect(parse('')).toMatchObject({ ok: true, path: ['help'] });
    expect(parse('/paper')).toMatchObject({ ok: true, path: ['help'] });
  });
});
