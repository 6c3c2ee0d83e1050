import type { SecretCipher } from '../shared/secret-cipher';

/**
 * Seals an emailed token (verification, password reset) for the event that asks notifications to send
 * it. JetStream keeps events for days and every consumer of the stream can read them, so the token
 * travels only encrypted under ACCOUNT_EMAIL_TOKEN_KEY, which accounts and notifications alone hold,
 * bound to the event type and the user: a seal copied into another event does not open.
 * Notifications opens it with the same AES-256-GCM format (`shared/secret-cipher.ts`).
 */
export function sealEmailToken(seal: SecretCipher, eventType: string, userId: string, token: string): string {
  return seal.encrypt(token, `${eventType}:${userId}`);
}

/** What notifications does with a sealed token; here for tests and for the day the kit carries it. */
export function openEmailToken(seal: SecretCipher, eventType: string, userId: string, sealed: string): string {
  return seal.decrypt(sealed, `${eventType}:${userId}`);
}
