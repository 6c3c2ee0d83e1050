import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): refresh, verification and reset tokens. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as this digest; they carry 256 bits of entropy, so a fast hash is enough. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
