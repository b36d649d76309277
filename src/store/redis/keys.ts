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

/**
 * Every key of a channel's club, in one place. The queue keys predate the rest; `version` is bumped by
 * every script that changes the queue, claims, votes, questions or the current session, so a session
 * marked done can be planned in TypeScript and applied only if nothing changed meanwhile.
 */
export function clubKeys(keys: Keys, channel: ChannelAddress) {
  const k = (thing: string) => keys.channel(channel, `club:${thing}`);
  return {
    queue: k('queue'),
    queueMeta: k('meta'),
    seeded: k('seeded'),
    finished: k('finished'),
    version: k('version'),
    schedule: k('schedule'),
    skips: k('skips'),
    votes: k('votes'),
    claims: k('claims'),
    current: k('current'),
    questions: k('questions'),
    questionSources: k('question-sources'),
    questionSeq: k('question-seq'),
    sessions: k('sessions'),
    history: k('history'),
    members: k('members'),
    threads: k('threads'),
    announced: k('announced'),
    calendarToken: k('calendar-token'),
  };
}

export type ClubKeys = ReturnType<typeof clubKeys>;

/** Registries shared by every channel's club. */
export function clubRegistryKeys(keys: Keys) {
  return {
    /** Channels with a session schedule (JSON triples, see encodeChannel). */
    schedules: keys.global('club:schedules:channels'),
    /** Calendar token → channel (JSON triple). */
    calendarTokens: keys.global('club:calendar:tokens'),
  };
}
