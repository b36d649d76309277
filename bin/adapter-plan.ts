/**
 * Decides which chat adapters `npm start` runs, and says why, from the configuration alone.
 * No chat tokens at all: the local console, so anyone can try the bot.
 */
import type { Config } from '../src/config.ts';

export interface AdapterPlan {
  slack: { mode: 'socket' | 'http' } | null;
  discord: { gateway: boolean; httpEndpoint: boolean } | null;
  console: boolean;
  /** One human line per decision, printed at startup. */
  reasons: string[];
  /** Configuration that cannot work as given (e.g. a bot token without a signing secret or app token). */
  problems: string[];
}

export function planAdapters(config: Config, options: { forceConsole?: boolean } = {}): AdapterPlan {
  const reasons: string[] = [];
  const problems: string[] = [];

  let slack: AdapterPlan['slack'] = null;
  const s = config.slack;
  if (s.botToken && s.appToken) {
    slack = { mode: 'socket' };
    reasons.push('slack: Socket Mode (SLACK_BOT_TOKEN and SLACK_APP_TOKEN are set)');
  } else if (s.botToken && s.signingSecret) {
    slack = { mode: 'http' };
    reasons.push(`slack: HTTP mode on /slack/events, port ${config.port} (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set)`);
  } else if (s.botToken) {
    problems.push('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is');
  } else if (s.appToken || s.signingSecret) {
    problems.push('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set without SLACK_BOT_TOKEN');
  } else {
    reasons.push('slack: off (no SLACK_BOT_TOKEN)');
  }

  let discord: AdapterPlan['discord'] = null;
  const d = config.discord;
  if ((d.token || d.publicKey) && !d.applicationId) {
    problems.push('DISCORD_TOKEN or DISCORD_PUBLIC_KEY is set without DISCORD_APPLICATION_ID');
  } else if (d.applicationId && (d.token || d.publicKey)) {
    discord = { gateway: Boolean(d.token) && d.gateway, httpEndpoint: Boolean(d.publicKey) };
    if (d.token && d.gateway) reasons.push('discord: gateway connection in the background (DISCORD_TOKEN is set)');
    if (d.token && !d.gateway) reasons.push('discord: gateway off (DISCORD_GATEWAY=off); DISCORD_TOKEN posts alerts and digests');
    if (d.publicKey) {
      reasons.push(`discord: HTTP interactions endpoint on /discord/interactions, port ${config.port} (DISCORD_PUBLIC_KEY is set)`);
    }
    if (!d.token) reasons.push('discord: alerts and digests cannot post without DISCORD_TOKEN');
  } else {
    reasons.push('discord: off (no DISCORD_TOKEN or DISCORD_PUBLIC_KEY)');
  }

  const noChat = slack === null && discord === null;
  const consoleOn = noChat || Boolean(options.forceConsole);
  if (consoleOn) {
    reasons.push(noChat ? 'console: on (no chat platform is configured)' : 'console: on (--console)');
  }
  return { slack, discord, console: consoleOn, reasons, problems };
}
