/**
 * A channel address names one chat channel across platforms:
 * `slack:<team>/<channel>`, `discord:<guild>/<channel>` or `console:<name>`.
 * Channel state in the store is keyed by it.
 */
export type Platform = 'slack' | 'discord' | 'console';

export interface ChannelAddress {
  platform: Platform;
  /** Slack team id, Discord guild id, or '' for the console. */
  workspace: string;
  channel: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const PART = /^[A-Za-z0-9_.-]{1,64}$/;

export function parseChannelAddress(input: string): ParseResult<ChannelAddress> {
  const text = input.trim();
  const colon = text.indexOf(':');
  const platform = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const help = 'use slack:<team>/<channel>, discord:<guild>/<channel> or console:<name>';
  if (colon < 0) return { ok: false, error: `"${input}" is not a channel address: ${help}` };
  if (platform === 'console') {
    return PART.test(rest)
      ? { ok: true, value: { platform, workspace: '', channel: rest } }
      : { ok: false, error: `"${input}" has a bad console channel name: ${help}` };
  }
  if (platform !== 'slack' && platform !== 'discord') {
    return { ok: false, error: `"${platform}" is not a platform: ${help}` };
  }
  const [workspace, channel, extra] = rest.split('/');
  if (!workspace || !channel || extra !== undefined || !PART.test(workspace) || !PART.test(channel)) {
    return { ok: false, error: `"${input}" is not a channel address: ${help}` };
  }
  return { ok: true, value: { platform, workspace, channel } };
}

export function formatChannelAddress(address: ChannelAddress): string {
  return address.platform === 'console'
    ? `console:${address.channel}`
    : `${address.platform}:${address.workspace}/${address.channel}`;
}
