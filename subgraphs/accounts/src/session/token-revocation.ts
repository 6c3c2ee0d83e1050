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

/**
 * Moves the user's mark to now, or one second past the previous mark when that is later: a token
 * issued right after the previous mark is dated a second after it (see AccessTokenSigner), and a
 * second refusal within that second must still catch it. Atomic, so concurrent refusals both count.
 */
const RAISE_MARK = `
  local previous = redis.call('GET', KEYS[1])
  local cutoff = tonumber(ARGV[1])
  if previous and tonumber(previous) + 1 > cutoff then cutoff = tonumber(previous) + 1 end
  redis.call('SET', KEYS[1], tostring(cutoff), 'EX', ARGV[2])
  return cutoff`;

/** Every access token of the user issued until now (and any dated after an earlier mark) is refused everywhere. */
export async function denyAccessTokensIssuedUntilNow(redis: Redis, userId: string): Promise<number> {
  return Number(await redis.eval(RAISE_MARK, 1, revokedUserKey(userId), String(nowSeconds()), String(AccountsPolicy.revokedUserTtlSeconds)));
}

/** The user's "revoked until" mark, if any: new tokens must be issued after it. */
export async function accessTokensRevokedUntil(redis: Redis, userId: string): Promise<number | null> {
  const value = await redis.get(revokedUserKey(userId));
  return value === null ? null : Number(value);
}
