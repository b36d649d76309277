/** adapters/slack/manifest.yml must agree with the command definitions and with what the adapter needs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DESCRIPTION_MAX,
  MANIFEST_UNFURL_DOMAINS,
  REQUIRED_BOT_EVENTS,
  REQUIRED_BOT_SCOPES,
  USAGE_HINT_MAX,
  slashCommandManifest,
} from '../../../adapters/slack/manifest.ts';
import { SLACK_EVENTS_PATH } from '../../../adapters/slack/index.ts';
import { commands } from '../../../src/commands/index.ts';

interface Manifest {
  display_information: { name: string; description?: string };
  features: {
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; url: string; description: string; usage_hint: string; should_escape: boolean }>;
    unfurl_domains: string[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(new URL('../../../adapters/slack/manifest.yml', import.meta.url), 'utf8')) as Manifest;

describe('Slack app manifest', () => {
  it('declares /paper exactly as generated from the command definitions', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [paper] = manifest.features.slash_commands;
    const { command, description, usage_hint, should_escape } = paper!;
    expect({ command, description, usage_hint, should_escape }).toEqual(slashCommandManifest(commands));
    expect(usage_hint.length).toBeLessThanOrEqual(USAGE_HINT_MAX);
    expect(description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
  });

  it('lists every subcommand in the usage hint', () => {
    const hint = manifest.features.slash_commands[0]!.usage_hint.split(' | ');
    expect(hint).toEqual(commands.map((c) => c.name));
    for (const name of ['search', 'show', 'cite', 'topics', 'club', 'digest', 'help', 'status']) expect(hint).toContain(name);
  });

  it('sends commands, interactivity and events to /slack/events', () => {
    const urls = [
      manifest.features.slash_commands[0]!.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('grants the scopes and events the adapter uses, and the unfurl domains it resolves', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...REQUIRED_BOT_SCOPES].sort());
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...REQUIRED_BOT_EVENTS]);
    expect(manifest.features.unfurl_domains).toEqual([...MANIFEST_UNFURL_DOMAINS]);
  });

  it('ships for HTTP mode (Socket Mode is a local-development switch)', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.display_information.name).toBe('paperclub');
  });
});
