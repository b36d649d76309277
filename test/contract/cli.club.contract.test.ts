/**
 * The club contract at the operator CLI: each member is `--as <member>` (the admin adds --as-admin),
 * `club schedule` plans the announcement on the deployment's queue from the CLI process, and a running
 * bot's job runtime (a worker on the same Redis) posts it, here into a console channel's output.
 */
import { randomUUID } from 'node:crypto';
import { createConsoleChat } from '../../adapters/console/chat.ts';
import { tokenize } from '../../src/commands/command-line.ts';
import { createTestServices } from '../helpers/services.ts';
import { cliRunner, pressButton, printedPosts } from './cli-driver.ts';
import { CLUB_MEMBERS, clubContract, type ClubDriver, type ClubMemberKey } from './club-contract.ts';
import { eventually, startClubRuntime } from './club-runtime.ts';

async function cliClubDriver(): Promise<ClubDriver> {
  const { services, prefix, cleanup } = await createTestServices({ scope: 'contract:club-cli' });
  const channel = `console:club-${randomUUID().slice(0, 8)}`;
  const printed: string[] = [];
  // The bot that runs next to the operator: it announces what the CLI scheduled.
  const runtime = await startClubRuntime({ prefix: prefix!, store: services.store, library: services.library, chat: { console: createConsoleChat((text) => printed.push(text)) } });
  const run = cliRunner(services, prefix!, printed);
  const as = (key: ClubMemberKey) => ['--as', CLUB_MEMBERS[key].name, ...(CLUB_MEMBERS[key].admin ? ['--as-admin'] : [])];

  return {
    invoke(text, key) {
      return run([...tokenize(text).map((t) => t.value), '--channel', channel, ...as(key)]);
    },
    // The printed shell command already names the member (`--as`) and the channel.
    click: (reply, index) => pressButton(run, reply, index),
    async announcement() {
      const post = await eventually('the announcement', () => printedPosts(printed).find((p) => p.text.includes('Paper club: session')));
      return { post, thread: null };
    },
    async close() {
      await runtime.close();
      await cleanup();
    },
  };
}

clubContract('cli', cliClubDriver);
