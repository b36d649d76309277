import { describe, expect, it } from 'vitest';
import { formatChannelAddress, parseChannelAddress } from '../../../src/channel-address.ts';

describe('channel addresses', () => {
  it.each([
    ['slack:T0123/C0456', { platform: 'slack', workspace: 'T0123', channel: 'C0456' }],
    ['discord:81384788765712384/1053786', { platform: 'discord', workspace: '81384788765712384', channel: '1053786' }],
    ['console:local', { platform: 'console', workspace: '', channel: 'local' }],
  ])('round-trips %s', (text, value) => {
    const parsed = parseChannelAddress(text);
    expect(parsed).toEqual({ ok: true, value });
    if (parsed.ok) expect(formatChannelAddress(parsed.value)).toBe(text);
  });

  it.each(['', 'slack', 'slack:T1', 'slack:T1/C1/extra', 'teams:T1/C1', 'console:', 'discord:/C1', 'slack:T 1/C1'])(
    'rejects %j with a hint',
    (text) => {
      const parsed = parseChannelAddress(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/slack:<team>\/<channel>/);
    },
  );
});
