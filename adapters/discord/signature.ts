/**
 * Discord signs every HTTP interaction with the application's Ed25519 key:
 * `X-Signature-Ed25519` = hex signature over `X-Signature-Timestamp + rawBody`.
 * Verified with node:crypto; the raw 32-byte public key from the developer portal is wrapped in the
 * fixed DER SPKI prefix for Ed25519.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { PaperclubError } from '../../src/errors.ts';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const HEX = /^[0-9a-fA-F]*$/;

/** The public key as shown in the developer portal (64 hex characters) → a KeyObject. */
export function discordPublicKey(hex: string): KeyObject {
  const trimmed = hex.trim();
  if (trimmed.length !== 64 || !HEX.test(trimmed)) {
    throw new PaperclubError('config_invalid', 'DISCORD_PUBLIC_KEY must be the 64-character hex "Public Key" from the Discord developer portal', {
      length: trimmed.length,
    });
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(trimmed, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyDiscordSignature(
  key: KeyObject,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: Buffer,
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (signature.length !== 128 || !HEX.test(signature)) return { ok: false, reason: 'malformed signature' };
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  try {
    return verify(null, message, key, Buffer.from(signature, 'hex')) ? { ok: true } : { ok: false, reason: 'bad signature' };
  } catch (error) {
    return { ok: false, reason: `signature check failed: ${(error as Error).message}` };
  }
}
