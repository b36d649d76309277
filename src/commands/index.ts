/**
 * The command set: an explicit list (no directory scanning), checked at startup. `allCommands` is what
 * the operator CLI offers; `commands`, its chat view (src/commands/audience.ts), is what Slack,
 * Discord, the console and `/paper help` offer.
 */
import { forChat } from './audience.ts';
import { cite } from './cite.ts';
import { club } from './club/group.ts';
import { digest } from './digest/group.ts';
import { createHelpCommand } from './help.ts';
import { enrich } from './operator/enrich.ts';
import { exportLibrary } from './operator/export.ts';
import { importLists } from './operator/import.ts';
import { poll } from './operator/poll.ts';
import { resume } from './operator/resume.ts';
import { search } from './search.ts';
import { show } from './show.ts';
import { status } from './status.ts';
import { topics } from './topics/group.ts';
import type { CommandDef } from './types.ts';
import { validateCommands } from './validate.ts';

/** Every command, chat's and the operators'. */
export const allCommands: readonly CommandDef[] = validateCommands([
  search,
  show,
  cite,
  topics,
  club,
  digest,
  status,
  poll,
  resume,
  enrich,
  importLists,
  exportLibrary,
  createHelpCommand(() => commands),
]);

/** What chat offers: `allCommands` without the operator-only commands and options. */
export const commands: readonly CommandDef[] = forChat(allCommands);
