import { describe, expect, it } from 'vitest';
import { buildPaperCommand, paperCommandPayload, validatePaperCommand } from '../../../adapters/discord/registration.ts';
import { truncate } from '../../../adapters/discord/truncate.ts';
import { commands } from '../../../src/commands/index.ts';
import type { CommandDef } from '../../../src/commands/types.ts';
import { isPaperclubError } from '../../../src/errors.ts';

type Opt = { type: number; name: string; description: string; required?: boolean; choices?: Array<{ name: string; value: unknown }>; autocomplete?: boolean; options?: Opt[] };

describe('/paper registration payload', () => {
  it('is generated from the command definitions and valid', () => {
    const payload = paperCommandPayload(commands);
    expect(payload).toMatchObject({ type: 1, name: 'paper', contexts: [0], default_member_permissions: null });
    const options = payload.options as Opt[];
    expect(options.map((o) => o.name)).toEqual(commands.map((c) => c.name));
    const club = options.find((o) => o.name === 'club')!;
    expect(club.type).toBe(2);
    expect(club.options!.every((s) => s.type === 1)).toBe(true);
    const cite = options.find((o) => o.name === 'cite')!;
    const paper = cite.options!.find((o) => o.name === 'paper')!;
    expect(paper).toMatchObject({ type: 3, required: true, autocomplete: true });
    const format = cite.options!.find((o) => o.name === 'format')!;
    expect(format.choices).toContainEqual({ name: 'apa', value: 'apa' });
    const page = options.find((o) => o.name === 'search')!.options!.find((o) => o.name === 'page')!;
    expect(page).toMatchObject({ type: 4, min_value: 1 });
    expect(validatePaperCommand(payload)).toEqual([]);
  });

  it('carries every string length limit as max_length, so Discord refuses a pasted page before sending it', () => {
    const payload = paperCommandPayload(commands);
    type Node = Opt & { max_length?: number };
    const byPath = new Map<string, Node>();
    const walk = (nodes: Node[] | undefined, path: string[]) => {
      for (const node of nodes ?? []) {
        if (node.type === 1 || node.type === 2) walk(node.options as Node[] | undefined, [...path, node.name]);
        else byPath.set([...path, node.name].join(' '), node);
      }
    };
    walk(payload.options as Node[], []);
    let checked = 0;
    for (const def of commands) {
      const subs = def.kind === 'group' ? def.subcommands.map((s) => ({ path: `${def.name} ${s.name}`, s })) : [{ path: def.name, s: def }];
      for (const { path, s } of subs) {
        for (const option of s.options) {
          const registered = byPath.get(`${path} ${option.name}`);
          expect(registered, `${path} ${option.name}`).toBeDefined();
          if (option.type === 'string') {
            expect(registered!.max_length, `${path} ${option.name}`).toBe(option.maxLength);
            if (option.maxLength !== undefined) checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(byPath.get('search query')?.max_length).toBe(500);
  });

  it('puts required options first and truncates long descriptions to 100 characters', () => {
    const def: CommandDef = {
      kind: 'subcommand',
      name: 'demo',
      scope: 'anywhere',
      description: 'd'.repeat(300),
      examples: [],
      options: [
        { name: 'opt', description: 'optional', type: 'string', required: false },
        { name: 'req', description: 'required', type: 'integer', required: true },
      ],
      run: async () => ({ visibility: 'ephemeral', summary: '', blocks: [] }),
    };
    const sub = (buildPaperCommand([def]).options as Opt[])[0]!;
    expect(sub.description).toHaveLength(100);
    expect(sub.description.endsWith('…')).toBe(true);
    expect(sub.options!.map((o) => o.name)).toEqual(['req', 'opt']);
    expect(truncate('  a  b  ', 100)).toBe('a b');
  });

  it('refuses definitions Discord would reject, listing every problem', () => {
    const bad: CommandDef = {
      kind: 'subcommand',
      name: 'Bad Name',
      scope: 'anywhere',
      description: '',
      examples: [],
      options: [
        { name: 'x', description: 'x', type: 'string', required: false, choices: Array.from({ length: 26 }, (_, i) => `c${i}`), autocomplete: 'paper' },
        { name: 'x', description: 'dup', type: 'string', required: false },
        { name: 'long', description: 'too long a limit', type: 'string', required: false, maxLength: 10_000 },
      ],
      run: async () => ({ visibility: 'ephemeral', summary: '', blocks: [] }),
    };
    const problems = validatePaperCommand(buildPaperCommand([bad]));
    expect(problems.join('\n')).toMatch(/lowercase/);
    expect(problems.join('\n')).toMatch(/26 choices/);
    expect(problems.join('\n')).toMatch(/both choices and autocomplete/);
    expect(problems.join('\n')).toMatch(/duplicate option names x/);
    expect(problems.join('\n')).toMatch(/long: max_length must be a whole number from 1 to 6000/);
    let thrown: unknown;
    try {
      paperCommandPayload([bad]);
    } catch (error) {
      thrown = error;
    }
    expect(isPaperclubError(thrown) && thrown.code).toBe('config_invalid');
  });
});
