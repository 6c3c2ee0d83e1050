import type Redis from 'ioredis';
import { type AppIdentity } from './app-identity';
/**
 * What the gateways remember of API keys, shared in Redis under the key's hash: the app it belongs to,
 * `none` (no such live key) or `revoked`. The gateways write an answer only where nothing is (SET NX),
 * and the apps subgraph writes `revoked` over whatever is there once a revocation commits, so a key
 * stops working at once on every gateway replica, and a verification that raced the revocation cannot
 * put the key back. Scope changes delete the entry: the next request verifies again.
 */
export declare const API_KEY_REVOKED = "revoked";
export declare const API_KEY_UNKNOWN = "none";
export declare function apiKeyCacheKey(eventNamespace: string, keyHash: string): string;
export type CachedApiKey = AppIdentity | typeof API_KEY_REVOKED | typeof API_KEY_UNKNOWN;
export declare function encodeCachedApiKey(entry: CachedApiKey): string;
/** The cached entry, or undefined when there is none (or it cannot be read). */
export declare function decodeCachedApiKey(value: string | null): CachedApiKey | undefined;
/** After a revocation commits: the key is refused everywhere from now on (kept for `seconds`, longer than any cached answer). */
export declare function markApiKeysRevoked(redis: Redis, eventNamespace: string, keyHashes: readonly string[], seconds: number): Promise<void>;
/** After an app's scopes change: its keys are verified again on their next request. */
export declare function forgetApiKeys(redis: Redis, eventNamespace: string, keyHashes: readonly string[]): Promise<void>;
