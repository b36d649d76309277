/**
 * Help generated from the definitions: the `help` command, the empty `/paper`, the Slack manifest's
 * usage hint, the console and the CLI's help (adapters/cli/help.ts) all read this, so they cannot
 * drift from what the parser accepts.
 */
import type { Block, Message } from '../messages/message.ts';
import type { CommandDef, OptionDef, SubcommandDef } from './types.ts';

export interface CommandDescription {
  /** ['club', 'add'] */
  path: string[];
  /** 'club add' */
  name: string;
  /** 'club add <paper>' */
  usage: string;
  description: string;
  examples: string[];
  admin: boolean;
  options: OptionDef[];
  def: SubcommandDef;
}

/** How an option is written in text form: `<query>`, `[format]`, `[--page <page>]`, `[--all]`. */
function optionUsage(option: OptionDef, positional: boolean): string {
  if (option.type === 'boolean') return option.required ? `--${option.name}` : `[--${option.name}]`;
  const shape = option.choices && option.choices.length <= 8 ? option.choices.join('|') : option.name;
  if (!positional) return `[--${option.name} <${shape}>]`;
  return option.required ? `<${shape}>` : `[${shape}]`;
}

export function usageOf(name: string, def: SubcommandDef): string {
  const restIndex = def.options.findIndex((o) => o.rest);
  // After a rest option only options with choices, and trailing numbers, can still be given positionally.
  const parts = def.options.map((o, i) => optionUsage(o, restIndex < 0 || i <= restIndex || o.choices !== undefined || o.trailing === true));
  return [name, ...parts].join(' ');
}

export function describeCommands(commands: readonly CommandDef[]): CommandDescription[] {
  return commands.flatMap((command) => {
    const subs: Array<{ path: string[]; def: SubcommandDef }> =
      command.kind === 'group' ? command.subcommands.map((def) => ({ path: [command.name, def.name], def })) : [{ path: [command.name], def: command }];
    return subs.map(({ path, def }) => {
      const name = path.join(' ');
      return {
        path,
        name,
        usage: usageOf(name, def),
        description: def.description,
        examples: def.examples,
        admin: def.admin === true,
        options: def.options,
        def,
      };
    });
  });
}

const ADMIN_NOTE = 'Commands marked (admins) change the channel\'s settings and are for channel admins.';

/** The help message: every command, or the commands whose name starts with `topic` (`help club`). */
export function helpMessage(commands: readonly CommandDef[], topic?: string): Message {
  const all = describeCommands(commands);
  const wanted = topic?.trim().toLowerCase();
  const chosen = wanted ? all.filter((d) => d.name === wanted || d.name.startsWith(`${wanted} `)) : all;
  if (wanted && chosen.length === 0) {
    const text = `There is no \`${wanted.slice(0, 30)}\` command. Commands: ${[...new Set(all.map((d) => d.path[0]!))].join(', ')}.`;
    return { visibility: 'ephemeral', summary: text, blocks: [{ type: 'text', text }] };
  }
  const blocks: Block[] = [{ type: 'header', text: wanted ? `/paper ${wanted}` : 'paperclub: /paper commands' }];
  if (wanted) {
    for (const d of chosen) {
      blocks.push({ type: 'text', text: `/paper ${d.usage}${d.admin ? '  (admins)' : ''}\n${d.description}` });
      const options = d.options.map((o) => `${o.name}: ${o.description}${o.required ? '' : ' (optional)'}`);
      if (options.length > 0) blocks.push({ type: 'list', items: options });
      if (d.examples.length > 0) blocks.push({ type: 'code', text: d.examples.map((e) => `/paper ${e}`).join('\n') });
    }
  } else {
    blocks.push({ type: 'list', items: chosen.map((d) => `/paper ${d.usage}: ${d.description}${d.admin ? ' (admins)' : ''}`) });
    const examples = chosen.flatMap((d) => d.examples.slice(0, 1)).slice(0, 6);
    if (examples.length > 0) blocks.push({ type: 'code', text: examples.map((e) => `/paper ${e}`).join('\n') });
    blocks.push({ type: 'context', text: `${ADMIN_NOTE} Type \`/paper help <command>\` for details and examples.` });
  }
  return { visibility: 'ephemeral', summary: wanted ? `Help for /paper ${wanted}` : 'paperclub commands', blocks };
}
