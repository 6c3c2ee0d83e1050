import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { denyAccessToken, denyAccessTokensIssuedUntilNow } from './token-revocation';
import { denyAccessTokensOf, revokeAllSessions, revokeFamily } from './session-revocation';
import { SessionRevocation } from './session.entity';
import { LogoutAllSessionsPayload, LogoutPayload } from './session.payloads';

/**
 * Ends the caller's session: its refresh tokens stop working, and the access token of this request
 * (plus any other of the session still valid) goes on the deny-list until it would have expired.
 */
export async function logout(context: SubgraphContext, services: AccountsServices): Promise<LogoutPayload> {
  const userId = context.caller.userId!;
  const claims = context.caller.tokenClaims;
  const revoked = claims?.sessionId
    ? await context.unitOfWork.run(traceOf(context), (tx) => revokeFamily(tx.manager, userId, claims.sessionId!, SessionRevocation.LOGOUT))
    : [];
  if (claims?.tokenId) await denyAccessToken(services.redis, claims.tokenId, claims.expiresAt);
  await denyAccessTokensOf(services.redis, revoked);
  return Object.assign(new LogoutPayload(), { loggedOut: true, userErrors: [] });
}

/** Ends every session of the caller, on every device: refresh tokens revoked, every access token issued until now refused. */
export async function logoutAllSessions(context: SubgraphContext, services: AccountsServices): Promise<LogoutAllSessionsPayload> {
  const userId = context.caller.userId!;
  const revoked = await context.unitOfWork.run(traceOf(context), (tx) => revokeAllSessions(tx.manager, userId, SessionRevocation.LOGOUT_ALL));
  await denyAccessTokensIssuedUntilNow(services.redis, userId);
  const families = new Set(revoked.map((row) => row.family_id));
  return Object.assign(new LogoutAllSessionsPayload(), { revokedSessionCount: families.size, userErrors: [] });
}
