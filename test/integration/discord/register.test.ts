/** `npm run discord:register` against the fake Discord REST API (bulk overwrite PUT), and --dry-run. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { registerDiscordCommands } from '../../../bin/discord-register.ts';
import { registrationBody } from '../../../adapters/discord/registration.ts';
import { commands } from '../../../src/commands/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { MISSING_ACCESS, startFakeDiscordApi, type FakeDiscordApi } from './fake-discord-api.ts';

let api: FakeDiscordApi;
beforeEach(async () => {
  api = await startFakeDiscordApi();
});
afterEach(async () => {
  await api.close();
});

async function run(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await registerDiscordCommands({
    argv,
    config: loadConfig({ DISCORD_API_URL: api.url, ...env }),
    commands,
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const creds = { DISCORD_TOKEN: 'bot-token', DISCORD_APPLICATION_ID: '1216559048451952710' };

describe('discord:register', () => {
  it('bulk-overwrites the guild commands when DISCORD_GUILD_ID is set', async () => {
    const result = await run([], { ...creds, DISCORD_GUILD_ID: '536204621765672974' });
    expect(result.code).toBe(0);
    expect(api.calls).toHaveLength(1);
    const [call] = api.calls;
    expect(call!.method).toBe('PUT');
    expect(call!.route).toBe('/applications/1216559048451952710/guilds/536204621765672974/commands');
    expect(call!.authorization).toBe('Bot bot-token');
    expect(call!.body).toEqual(registrationBody(commands));
    expect(result.out).toContain('/paper');
    expect(result.out).toContain('guild 536204621765672974');
  });

  it('registers globally with --global, even when a guild is configured', async () => {
    const result = await run(['--global'], { ...creds, DISCORD_GUILD_ID: '536204621765672974' });
    expect(result.code).toBe(0);
    expect(api.calls.map((c) => `${c.method} ${c.route}`)).toEqual(['PUT /applications/1216559048451952710/commands']);
  });

  it('prints the payload and sends nothing with --dry-run, without any credentials', async () => {
    const result = await run(['--dry-run'], {});
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual(registrationBody(commands));
    expect(api.calls).toEqual([]);
  });

  it('says in one line which variable is missing', async () => {
    const noToken = await run([], { DISCORD_APPLICATION_ID: '1' });
    expect(noToken.code).toBe(1);
    expect(noToken.err.split('\n')).toHaveLength(1);
    expect(noToken.err).toContain('DISCORD_TOKEN');
    const noApp = await run([], { DISCORD_TOKEN: 't' });
    expect(noApp.err).toContain('DISCORD_APPLICATION_ID');
    const bad = await run(['--guild', 'abc'], creds);
    expect(bad.code).toBe(2);
    expect(api.calls).toEqual([]);
  });

  it('reports a refusal from Discord with the HTTP status', async () => {
    api.fail(/commands$/, MISSING_ACCESS);
    const result = await run(['--guild', '536204621765672974'], creds);
    expect(result.code).toBe(1);
    expect(result.err).toContain('HTTP 403');
    expect(result.err).toContain('Missing Access');
  });

  it('works as the npm script: --dry-run prints valid JSON', async () => {
    const env = { ...process.env, DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '', DISCORD_API_URL: api.url };
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/discord-register.js', '--dry-run'], { env, cwd: process.cwd() });
    expect(JSON.parse(stdout)).toEqual(registrationBody(commands));
    expect(api.calls).toEqual([]);
  });
});
