/**
 * Who is offered what. Operator-only commands (`poll`, `resume`, `enrich`, `import`, `export`) and
 * options (`status --all`, `search --limit`) are defined like every other command, then left out of
 * what chat sees: Slack's usage hint, the Discord registration payload, the console, chat help and the
 * chat parser all read the chat view, so none of them can offer an operator command.
 */
import type { CommandDef, SubcommandDef } from './types.ts';

const forEveryone = <T extends { audience?: string }>(item: T): boolean => item.audience !== 'operator';

/** The subcommand without its operator options, and without the examples that use them (`status --all`). */
function chatSubcommand(def: SubcommandDef): SubcommandDef {
  const operatorFlags = def.options.filter((o) => !forEveryone(o)).map((o) => `--${o.name}`);
  const usesOperatorFlag = (example: string) => example.split(/\s+/).some((word) => operatorFlags.includes(word.split('=')[0]!));
  return { ...def, options: def.options.filter(forEveryone), examples: def.examples.filter((e) => !usesOperatorFlag(e)) };
}

/** The chat view of a command list: operator commands, groups left empty and operator options removed. */
export function forChat(commands: readonly CommandDef[]): CommandDef[] {
  return commands.flatMap((command): CommandDef[] => {
    if (command.kind === 'subcommand') return forEveryone(command) ? [chatSubcommand(command)] : [];
    const subcommands = command.subcommands.filter(forEveryone).map(chatSubcommand);
    return subcommands.length > 0 ? [{ ...command, subcommands }] : [];
  });
}
