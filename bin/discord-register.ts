/**
 * `npm run discord:register [-- --global | --guild <id>] [--dry-run]`
 *
 * Registers the /paper command with Discord by bulk overwrite (PUT), generated from the same command
 * definitions the bot runs. With DISCORD_GUILD_ID (or --guild) it registers in that guild, which is
 * instant and meant for development; with --global (or no guild) it registers for every guild.
 * A bulk overwrite removes this application's other commands in that scope.
 * --dry-run prints the JSON body and sends nothing (no token needed).
 */
import { pathToFileURL } from 'node:url';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { paperCommandPayload } from '../adapters/discord/registration.ts';
import type { CommandDef } from '../src/commands/types.ts';
import type { Config } from '../src/config.ts';
import { isPaperclubError } from '../src/errors.ts';

export interface RegisterIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface RegisterOptions {
  global: boolean;
  guildId?: string;
  dryRun: boolean;
}

export const USAGE = 'usage: npm run discord:register -- [--global | --guild <id>] [--dry-run]';

export function parseRegisterArgs(argv: readonly string[]): RegisterOptions | { error: string } {
  const options: RegisterOptions = { global: false, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--global') options.global = true;
    else if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--guild') {
      const id = argv[++i];
      if (!id || !/^\d{5,25}$/.test(id)) return { error: `--guild needs a guild id (a number), got ${id ?? 'nothing'}` };
      options.guildId = id;
    } else return { error: `unknown argument ${arg}` };
  }
  if (options.global && options.guildId) return { error: 'use either --global or --guild, not both' };
  return options;
}

/** Returns the exit code. */
export async function registerDiscordCommands(input: {
  argv: readonly string[];
  config: Config;
  commands: readonly CommandDef[];
  io: RegisterIo;
}): Promise<number> {
  const { config, commands, io } = input;
  const parsed = parseRegisterArgs(input.argv);
  if ('error' in parsed) {
    io.err(`discord:register: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const guildId = parsed.global ? undefined : (parsed.guildId ?? config.discord.guildId);
  const scope = guildId ? `guild ${guildId}` : 'all guilds (global)';

  let body;
  try {
    body = [paperCommandPayload(commands)];
  } catch (error) {
    io.err(`discord:register: ${(error as Error).message}`);
    return 1;
  }
  if (parsed.dryRun) {
    io.out(JSON.stringify(body, null, 2));
    io.err(`discord:register: dry run, nothing sent (would bulk-overwrite the commands of ${scope})`);
    return 0;
  }

  const { token, applicationId, apiUrl } = config.discord;
  if (!applicationId) {
    io.err('discord:register: DISCORD_APPLICATION_ID is not set (Developer Portal → your application → General Information → Application ID)');
    return 1;
  }
  if (!token) {
    io.err('discord:register: DISCORD_TOKEN is not set (Developer Portal → your application → Bot → Reset Token)');
    return 1;
  }
  const rest = new REST({ api: apiUrl }).setToken(token);
  try {
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    const result = (await rest.put(route, { body })) as Array<{ id?: string; name?: string }>;
    const registered = result.map((c) => `/${c.name ?? '?'} (${c.id ?? 'no id'})`).join(', ');
    io.out(`Registered ${registered} for ${scope}.${guildId ? '' : ' Global commands can take a while to appear in every guild.'}`);
    return 0;
  } catch (error) {
    const detail =
      error instanceof DiscordAPIError
        ? `HTTP ${error.status} ${error.message}${error.status === 401 ? ' (check DISCORD_TOKEN)' : error.status === 403 || error.status === 404 ? ' (check DISCORD_APPLICATION_ID / DISCORD_GUILD_ID, and that the bot is in the guild)' : ''}`
        : isPaperclubError(error)
          ? error.message
          : (error as Error).message;
    io.err(`discord:register: Discord refused the registration for ${scope}: ${detail}`);
    return 1;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

async function main(): Promise<void> {
  const [{ configFromEnvironment }, { commands }] = await Promise.all([import('./env.ts'), import('../src/commands/index.ts')]);
  let config: Config;
  try {
    config = configFromEnvironment();
  } catch (error) {
    process.stderr.write(`discord:register: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  process.exitCode = await registerDiscordCommands({
    argv: process.argv.slice(2),
    config,
    commands,
    io: { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main().catch((error: unknown) => {
    process.stderr.write(`discord:register: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
