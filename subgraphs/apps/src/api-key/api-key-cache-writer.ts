import type Redis from 'ioredis';
import { forgetApiKeys, markApiKeysRevoked } from '@ultramarket/kit';

/**
 * Tells the gateways' shared key cache (kit/src/apps/api-key-cache.ts) what changed once it committed:
 * a revoked key is marked revoked at once (longer than any gateway keeps an answer), an app whose scopes
 * changed has its keys verified again.
 */
export class ApiKeyCacheWriter {
  constructor(
    private readonly redis: Redis,
    private readonly eventNamespace: string,
    private readonly revokedForSeconds: number,
  ) {}

  revoke(keyHashes: readonly string[]): Promise<void> {
    return markApiKeysRevoked(this.redis, this.eventNamespace, keyHashes, this.revokedForSeconds);
  }

  forget(keyHashes: readonly string[]): Promise<void> {
    return forgetApiKeys(this.redis, this.eventNamespace, keyHashes);
  }
}

let writer: ApiKeyCacheWriter | null = null;

/** Bound once the subgraph's Redis connection is up (apps.subgraph.ts `onStart`). */
export function bindApiKeyCacheWriter(bound: ApiKeyCacheWriter | null): void {
  writer = bound;
}

export function apiKeyCacheWriter(): ApiKeyCacheWriter {
  if (!writer) throw new Error('the API key cache writer is bound when the apps subgraph starts');
  return writer;
}
