import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new guest cart token: 32 random bytes, base64url (43 characters). Shown to the shopper once; only its hash is kept. */
export function newCartToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCartToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether `token` is the one whose hash is kept, compared in constant time (hashes have one length). */
export function cartTokenMatches(token: string | null | undefined, tokenHash: Buffer | null): boolean {
  if (!token || !tokenHash) return false;
  return timingSafeEqual(hashCartToken(token), tokenHash);
}
