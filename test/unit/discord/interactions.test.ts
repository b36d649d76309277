import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { commandInvocation, isAdminPermissions } from '../../../adapters/discord/interactions.ts';
import { discordPublicKey, verifyDiscordSignature } from '../../../adapters/discord/signature.ts';
import { isPaperclubError } from '../../../src/errors.ts';
import { fixture, GROUP_COMMAND, CAPTURED_COMMAND } from '../../integration/discord/payloads.ts';

describe('interaction options', () => {
  it('reads subcommand groups into a path (disgo fixture)', () => {
    const data = fixture(GROUP_COMMAND).data as { options: never };
    expect(commandInvocation(data.options)).toEqual({ path: ['bar', 'baz'], args: {} });
  });

  it('reads plain options into args (captured fixture) and finds the focused one', () => {
    const data = fixture(CAPTURED_COMMAND).data as { options: never };
    expect(commandInvocation(data.options)).toEqual({ path: [], args: { number: '<REDACTED_PHONE_NUMBER>' } });
    const focused = commandInvocation([{ name: 'show', type: 1, options: [{ name: 'paper', type: 3, value: 'lo', focused: true }] }]);
    expect(focused.path).toEqual(['show']);
    expect(focused.focused?.name).toBe('paper');
  });

  it('treats Manage Channels or Administrator as admin', () => {
    expect(isAdminPermissions(String(1n << 4n))).toBe(true);
    expect(isAdminPermissions(String(1n << 3n))).toBe(true);
    expect(isAdminPermissions(String((1n << 11n) | (1n << 31n)))).toBe(false);
    expect(isAdminPermissions('562949953421311')).toBe(true);
    expect(isAdminPermissions(undefined)).toBe(false);
    expect(isAdminPermissions('not-a-number')).toBe(false);
  });
});

describe('button custom_ids', () => {
  it('carries short command lines inline and long ones by key, evicting the oldest', () => {
    const store = new ButtonCommandStore(2);
    expect(store.encode({ command: 'cite 1706.03762 apa', share: false })).toBe('c:cite 1706.03762 apa');
    expect(store.decode('s:show 1')).toEqual({ kind: 'action', action: { command: 'show 1', share: true } });
    const long = (n: number) => ({ command: `search ${'x'.repeat(120)} ${n}`, share: n === 1 });
    const ids = [1, 2, 3].map((n) => store.encode(long(n)));
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    expect(store.decode(ids[0]!)).toEqual({ kind: 'expired' });
    expect(store.decode(ids[2]!)).toEqual({ kind: 'action', action: long(3) });
    expect(store.size).toBe(2);
    expect(store.decode('click_one')).toEqual({ kind: 'foreign' });
    expect(store.encode({ command: 'help', share: false }, 1)).toMatch(/^p:/);
  });
});

describe('Ed25519 signatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  const key = discordPublicKey(hex);
  const body = Buffer.from('{"type":1}');
  const signature = sign(null, Buffer.from(`123${body.toString()}`), privateKey).toString('hex');

  it('accepts Discord-style signatures and rejects everything else', () => {
    expect(verifyDiscordSignature(key, { signature, timestamp: '123' }, body)).toEqual({ ok: true });
    expect(verifyDiscordSignature(key, { signature, timestamp: '124' }, body).ok).toBe(false);
    expect(verifyDiscordSignature(key, { signature, timestamp: '123' }, Buffer.from('{"type":2}')).ok).toBe(false);
    expect(verifyDiscordSignature(key, { signature: undefined, timestamp: '123' }, body).ok).toBe(false);
    expect(verifyDiscordSignature(key, { signature: 'ab', timestamp: '123' }, body).ok).toBe(false);
  });

  it('explains a malformed public key', () => {
    let thrown: unknown;
    try {
      discordPublicKey('xyz');
    } catch (error) {
      thrown = error;
    }
    expect(isPaperclubError(thrown) && thrown.message).toContain('DISCORD_PUBLIC_KEY');
  });
});
