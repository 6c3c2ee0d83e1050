import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccountsPolicy } from '../accounts.policy';
import type { AccountsServices } from '../accounts-services';
import { newOpaqueToken, sha256Hex } from '../shared/secure-token';
import type { RequestOrigin } from '@ultramarket/kit';
import type { User } from '../user/user.entity';
import { Session } from './session.entity';
import { tokenStoresOf } from '../membership/memberships';
import type { TokenPair } from './session.payloads';

export interface IssuedSession {
  session: Session;
  tokens: TokenPair;
}

/**
 * Issues an access token and a refresh token for `user` in session family `familyId` (a new one for a
 * login), recording the refresh token's hash, the access token's id, and where the request came from.
 */
export async function issueSessionTokens(
  services: AccountsServices,
  manager: EntityManager,
  user: User,
  origin: RequestOrigin,
  familyId: string = randomUUID(),
): Promise<IssuedSession> {
  const access = await services.signer.sign({ userId: user.id, ...(await tokenStoresOf(manager, user)), sessionId: familyId });
  const refreshToken = newOpaqueToken();
  const expiresAt = new Date(Date.now() + AccountsPolicy.refreshTokenTtlSeconds * 1000);
  const sessions = manager.getRepository(Session);
  const session = await sessions.save(
    sessions.create({
      userId: user.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      accessTokenId: access.tokenId,
      accessTokenExpiresAt: access.expiresAt,
      ipAddress: origin.ipAddress,
      userAgent: origin.userAgent,
      expiresAt,
      revokedAt: null,
      revokedReason: null,
      replacedBy: null,
    }),
  );
  return { session, tokens: { accessToken: access.token, refreshToken, expiresIn: access.expiresIn, refreshTokenExpiresAt: expiresAt } };
}
