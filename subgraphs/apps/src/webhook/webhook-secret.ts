import { randomBytes } from 'node:crypto';
import { SecretCipher } from '@ultramarket/kit';
import { webhookConfig } from './webhook.config';

/** A new signing secret: `whsec_` and 32 random bytes, base64url (the prefix lets secret scanners find a leaked one). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

const cipherOf = () => new SecretCipher(webhookConfig().secretKey);
const boundTo = (endpointId: string) => `webhook-endpoint:${endpointId}`;

/** The secret sealed for storage, bound to its endpoint (a sealed secret copied to another endpoint does not open). */
export function sealWebhookSecret(endpointId: string, secret: string): string {
  return cipherOf().encrypt(secret, boundTo(endpointId));
}

export function openWebhookSecret(endpointId: string, sealed: string): string {
  return cipherOf().decrypt(sealed, boundTo(endpointId));
}
