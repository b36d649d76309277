/** The /paper command set: an explicit list (no directory scanning), checked at startup. */
import { cite } from './cite.ts';
import { club } from './club/group.ts';
import { digest } from './digest/group.ts';
import { createHelpCommand } from './help.ts';
import { search } from './search.ts';
import { show } from './show.ts';
import { status } from './status.ts';
import { topics } from './topics/group.ts';
import type { CommandDef } from './types.ts';
import { validateCommands } from './validate.ts';

export const commands: readonly CommandDef[] = validateCommands([
  search,
  show,
  cite,
  topics,
  club,
  digest,
  status,
  createHelpCommand(() => commands),
]);
