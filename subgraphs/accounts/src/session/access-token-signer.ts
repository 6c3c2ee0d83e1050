import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { signAccessToken, type AuthConfig, type Role, type SigningKeys } from '@ultramarket/kit';
import { AccountsPolicy } from '../accounts.policy';
import { accessTokensRevokedUntil } from './token-revocation';

export interface AccessTokenSubject {
  userId: string;
  roles: Role[];
  storeId: string | null;
  /** Every store the user works in, with their role there. */
  stores: Record<string, Role>;
  /** The session family the token belongs to (`sid`); logout revokes it. */
  sessionId: string | null;
}

export interface IssuedAccessToken {
  token: string;
  tokenId: string;
  expiresIn: number;
  expiresAt: Date;
}

/**
 * Access tokens for accounts' sessions: the kit's `signAccessToken` (RS256, iss, aud, kid, jti, sub,
 * roles, storeId, stores) for 15 minutes, with the session id (`sid`) and an issue time after the user's
 * revocation mark.
 */
export class AccessTokenSigner {
  constructor(
    private readonly keys: SigningKeys,
    private readonly auth: AuthConfig,
    private readonly redis: Redis,
  ) {}

  async sign(subject: AccessTokenSubject): Promise<IssuedAccessToken> {
    // tokens issued at or before a user's revocation mark are refused; one issued in that same
    // second (a sign-in right after a password reset) must not be, so it is dated a second later
    const revokedUntil = await accessTokensRevokedUntil(this.redis, subject.userId);
    const issuedAt = Math.max(Math.floor(Date.now() / 1000), revokedUntil === null ? 0 : revokedUntil + 1);
    const tokenId = randomUUID();
    const token = signAccessToken(
      { sub: subject.userId, roles: subject.roles, storeId: subject.storeId, stores: subject.stores },
      this.keys,
      this.auth,
      AccountsPolicy.accessTokenTtlSeconds,
      { sessionId: subject.sessionId ?? undefined, issuedAt, tokenId },
    );
    const expiresAtSeconds = issuedAt + AccountsPolicy.accessTokenTtlSeconds;
    return { token, tokenId, expiresAt: new Date(expiresAtSeconds * 1000), expiresIn: expiresAtSeconds - Math.floor(Date.now() / 1000) };
  }
}
