import type Redis from 'ioredis';
import { revokedTokenKey, revokedUserKey } from '@ultramarket/kit';
import { AccountsPolicy } from '../accounts.policy';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The Redis deny-list the gateway and every subgraph check after verifying a token's signature
 * (the kit's RevocationList reads the same keys). Entries live only as long as a token could.
 */
export async function denyAccessToken(redis: Redis, tokenId: string, expiresAtSeconds: number): Promise<void> {
  const remaining = expiresAtSeconds - nowSeconds();
  if (remaining > 0) await redis.set(revokedTokenKey(tokenId), '1', 'EX', remaining);
}

/** Every access token of the user issued at or before now is refused everywhere. */
export async function denyAccessTokensIssuedUntilNow(redis: Redis, userId: string): Promise<number> {
  const cutoff = nowSeconds();
  await redis.set(revokedUserKey(userId), String(cutoff), 'EX', AccountsPolicy.revokedUserTtlSeconds);
  return cutoff;
}

/** The user's "revoked until" mark, if any: new tokens must be issued after it. */
export async function accessTokensRevokedUntil(redis: Redis, userId: string): Promise<number | null> {
  const value = await redis.get(revokedUserKey(userId));
  return value === null ? null : Number(value);
}
