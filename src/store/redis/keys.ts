/**
 * Key layout. Channel state lives under `<prefix>:ch:<platform>:<workspace>:<channel>:<thing>`;
 * state shared by every channel (feed polls, registries) under `<prefix>:<thing>`.
 */
import type { ChannelAddress, Platform } from '../../channel-address.ts';

export interface Keys {
  channel(channel: ChannelAddress, thing: string): string;
  global(thing: string): string;
}

export function createKeys(prefix: string): Keys {
  return {
    // Address parts are platform ids ([A-Za-z0-9_.-]); encoding keeps a stray ':' from forging another key.
    channel: (c, thing) =>
      `${prefix}:ch:${c.platform}:${encodeURIComponent(c.workspace)}:${encodeURIComponent(c.channel)}:${thing}`,
    global: (thing) => `${prefix}:${thing}`,
  };
}

/**
 * Registries (which channels have topics, schedules) hold channels as JSON triples so they
 * round-trip exactly, whatever the address contains.
 */
export function encodeChannel(channel: ChannelAddress): string {
  return JSON.stringify([channel.platform, channel.workspace, channel.channel]);
}

const PLATFORMS: readonly Platform[] = ['slack', 'discord', 'console'];

export function decodeChannel(member: string): ChannelAddress | null {
  try {
    const value: unknown = JSON.parse(member);
    if (!Array.isArray(value) || value.length !== 3 || !value.every((part) => typeof part === 'string')) return null;
    const [platform, workspace, channel] = value as [string, string, string];
    if (!PLATFORMS.includes(platform as Platform)) return null;
    return { platform: platform as Platform, workspace, channel };
  } catch {
    return null;
  }
}
