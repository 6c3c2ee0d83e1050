import type Redis from 'ioredis';
import { parseAppCallerHeader, appCallerHeader, type AppIdentity } from './app-identity';

/**
 * What the gateways remember of API keys, shared in Redis under the key's hash: the app it belongs to,
 * `none` (no such live key) or `revoked`. The gateways write an answer only where nothing is (SET NX),
 * and the apps subgraph writes `revoked` over whatever is there once a revocation commits, so a key
 * stops working at once on every gateway replica, and a verification that raced the revocation cannot
 * put the key back. Scope changes delete the entry: the next request verifies again.
 */
export const API_KEY_REVOKED = 'revoked';
export const API_KEY_UNKNOWN = 'none';

export function apiKeyCacheKey(eventNamespace: string, keyHash: string): string {
  return `ultramarket:api-key:${eventNamespace ? `${eventNamespace}:` : ''}${keyHash}`;
}

export type CachedApiKey = AppIdentity | typeof API_KEY_REVOKED | typeof API_KEY_UNKNOWN;

export function encodeCachedApiKey(entry: CachedApiKey): string {
  return typeof entry === 'string' ? entry : appCallerHeader(entry);
}

/** The cached entry, or undefined when there is none (or it cannot be read). */
export function decodeCachedApiKey(value: string | null): CachedApiKey | undefined {
  if (value === null) return undefined;
  if (value === API_KEY_REVOKED || value === API_KEY_UNKNOWN) return value;
  return parseAppCallerHeader(value) ?? undefined;
}

/** After a revocation commits: the key is refused everywhere from now on (kept for `seconds`, longer than any cached answer). */
export async function markApiKeysRevoked(redis: Redis, eventNamespace: string, keyHashes: readonly string[], seconds: number): Promise<void> {
  if (keyHashes.length === 0) return;
  const batch = redis.multi();
  for (const hash of keyHashes) batch.set(apiKeyCacheKey(eventNamespace, hash), API_KEY_REVOKED, 'EX', seconds);
  await batch.exec();
}

/** After an app's scopes change: its keys are verified again on their next request. */
export async function forgetApiKeys(redis: Redis, eventNamespace: string, keyHashes: readonly string[]): Promise<void> {
  if (keyHashes.length === 0) return;
  await redis.del(...keyHashes.map((hash) => apiKeyCacheKey(eventNamespace, hash)));
}
