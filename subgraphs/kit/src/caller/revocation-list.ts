import type Redis from 'ioredis';
import { invalidCredentials } from '../errors/graphql-errors';
import type { Caller } from './caller';

/** Redis keys written by accounts on logout (one token) and on "log out everywhere" / password reset (every token of a user). */
export const revokedTokenKey = (tokenId: string) => `ultramarket:revoked-jti:${tokenId}`;
export const revokedUserKey = (userId: string) => `ultramarket:revoked-user:${userId}`;

/**
 * The deny-list every process checks after verifying a token's signature: a logged-out token, or
 * any token of a user issued before they logged out everywhere, is refused at once, though it
 * has not expired. One Redis round trip per request with a token.
 */
export class RevocationList {
  constructor(private readonly redis: Redis) {}

  async isRevoked(caller: Caller): Promise<boolean> {
    if (!caller.userId || !caller.tokenClaims) return false;
    const { tokenId, issuedAt } = caller.tokenClaims;
    const [token, userCutoff] = await this.redis.mget(tokenId ? revokedTokenKey(tokenId) : '__none__', revokedUserKey(caller.userId));
    return token !== null || (userCutoff !== null && issuedAt <= Number(userCutoff));
  }

  /** Throws UNAUTHENTICATED (HTTP 401) for a revoked token; the caller passes through otherwise. */
  async check(caller: Caller): Promise<Caller> {
    if (await this.isRevoked(caller)) throw invalidCredentials('Access token revoked');
    return caller;
  }
}
