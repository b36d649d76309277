/** `help [command]`: generated from the definitions, so it always matches what the parser accepts. */
import { helpMessage } from './help-text.ts';
import type { CommandDef, SubcommandDef } from './types.ts';

/** Help lists the registered commands, so it is built from (a getter for) that list. */
export function createHelpCommand(commands: () => readonly CommandDef[]): SubcommandDef {
  return {
    kind: 'subcommand',
    name: 'help',
    scope: 'anywhere',
    description: 'Every /paper command, or details and examples for one',
    options: [{ name: 'command', description: 'A command, e.g. club or cite', type: 'string', required: false, rest: true, maxLength: 40 }],
    examples: ['help', 'help club', 'help digest schedule'],
    async run(_ctx, args) {
      return helpMessage(commands(), args.command === undefined ? undefined : String(args.command));
    },
  };
}
