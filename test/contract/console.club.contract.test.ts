/**
 * The club contract in the terminal: one console session per member (each their own `--user`), the
 * job runtime printing the announcement into the admin's terminal through the console's chat port.
 * A terminal has no threads: questions come through `club ask`.
 */
import { randomUUID } from 'node:crypto';
import { startConsoleAdapter } from '../../adapters/console/index.ts';
import type { RunningAdapter } from '../../adapters/types.ts';
import { commands } from '../../src/commands/index.ts';
import { silentLogger } from '../../src/log.ts';
import { createTestServices } from '../helpers/services.ts';
import { CLUB_MEMBERS, clubContract, type ClubDriver, type ClubMemberKey } from './club-contract.ts';
import { eventually, startClubRuntime } from './club-runtime.ts';
import { ConsoleSession } from './console-driver.ts';

async function consoleClubDriver(): Promise<ClubDriver> {
  const { services, prefix, cleanup } = await createTestServices({ scope: 'contract:club-console' });
  const channelName = `club-${randomUUID().slice(0, 8)}`;
  const sessions = new Map<ClubMemberKey, { session: ConsoleSession; adapter: RunningAdapter }>();
  const open = async (key: ClubMemberKey) => {
    const session = new ConsoleSession([]);
    const member = CLUB_MEMBERS[key];
    const adapter = await startConsoleAdapter({ commands, services, log: silentLogger(), input: session.input, output: session.output, channelName, interactive: true, admin: member.admin, user: { id: member.name, name: member.name } });
    await session.nextSegment(); // the greeting
    sessions.set(key, { session, adapter });
    return { session, adapter };
  };
  const sessionOf = async (key: ClubMemberKey) => (sessions.get(key) ?? (await open(key))).session;
  // The job runtime prints into the admin's terminal, as in a one-person `npm start` with workers.
  const admin = await open('admin');
  const runtime = await startClubRuntime({ prefix: prefix!, store: services.store, library: services.library, chat: { console: admin.adapter.chat } });
  services.announcements = runtime.announcements;

  return {
    async invoke(text, key) {
      return (await sessionOf(key)).send(text);
    },
    async click(reply, index, key) {
      const session = await sessionOf(key);
      if (session.latest !== reply) throw new Error('the console can only press buttons on the latest reply of a session');
      return session.send(String(index + 1));
    },
    async announcement() {
      const post = await eventually('the announcement', () => admin.session.printedPosts().find((p) => p.text.includes('Paper club: session')));
      return { post, thread: null };
    },
    async close() {
      await runtime.close();
      for (const { session, adapter } of sessions.values()) {
        session.input.end();
        await adapter.stop();
      }
      await cleanup();
    },
  };
}

clubContract('console', consoleClubDriver);
