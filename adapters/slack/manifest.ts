/**
 * The `/paper` entry of the Slack app manifest, generated from the command definitions so the
 * manifest's usage hint can never drift from the commands (a test checks manifest.yml against it).
 */
import type { CommandDef } from '../../src/commands/types.ts';
import { HISTORY_SCOPES } from './chat-port.ts';
import { UNFURL_DOMAINS } from './unfurl.ts';

export const SLASH_COMMAND_DESCRIPTION = 'Search, show and cite papers; run the reading club, topics and digests';

/** Slack's limits for a slash command's manifest entry. */
export const USAGE_HINT_MAX = 1000;
export const DESCRIPTION_MAX = 2000;

/** `search | show | cite | topics | club | digest | help | status`: every top-level subcommand, in order. */
export function slashCommandUsageHint(commands: readonly CommandDef[]): string {
  return commands.map((c) => c.name).join(' | ');
}

export interface SlashCommandManifest {
  command: string;
  description: string;
  usage_hint: string;
  should_escape: boolean;
}

export function slashCommandManifest(commands: readonly CommandDef[]): SlashCommandManifest {
  return {
    command: '/paper',
    description: SLASH_COMMAND_DESCRIPTION,
    usage_hint: slashCommandUsageHint(commands),
    // Plain text in, as typed: no <@U…> rewriting of names in queries.
    should_escape: false,
  };
}

/**
 * What manifest.yml must grant and subscribe to for the adapter's features to work. The history scopes
 * let deliveries look a post up when its answer was lost (exactly once instead of at most once).
 */
export const REQUIRED_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'links:read', 'links:write', ...HISTORY_SCOPES] as const;
/**
 * `message.channels` / `message.groups`: replies in a club session's thread are collected as questions
 * (they arrive with the history scopes above). `club ask` works without them.
 */
export const REQUIRED_BOT_EVENTS = ['link_shared', 'message.channels', 'message.groups'] as const;
export const MANIFEST_UNFURL_DOMAINS = UNFURL_DOMAINS;
