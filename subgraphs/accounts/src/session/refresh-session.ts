import { traceOf, unauthenticated, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { OPAQUE_TOKEN, sha256Hex } from '../shared/secure-token';
import { User } from '../user/user.entity';
import { issueSessionTokens, type IssuedSession } from './session-issuer';
import { denyAccessTokensOf, revokeFamily, type RevokedRow } from './session-revocation';
import { Session, SessionRevocation } from './session.entity';
import { RefreshTokenPayload } from './session.payloads';
import type { RefreshTokenInput } from './session.inputs';

type Outcome =
  { kind: 'rotated'; user: User; issued: IssuedSession } | { kind: 'refused' } | { kind: 'reused'; userId: string; familyId: string; revoked: RevokedRow[] };

/**
 * Refresh-token rotation with reuse detection (Auth0's model): a live token is exchanged for a new
 * pair in the same family and dies (`replacedBy`). A token that was already rotated or revoked means
 * two parties hold it, so the whole family is revoked (and its access tokens deny-listed) and the
 * caller must sign in again. Unknown, expired and reused tokens are all UNAUTHENTICATED.
 */
export async function refreshSession(context: SubgraphContext, services: AccountsServices, input: RefreshTokenInput): Promise<RefreshTokenPayload> {
  if (!OPAQUE_TOKEN.test(input.token)) throw unauthenticated('Invalid refresh token');
  const { origin } = context;
  const outcome = await context.unitOfWork.run(traceOf(context), async (tx): Promise<Outcome> => {
    const sessions = tx.manager.getRepository(Session);
    const current = await sessions.findOne({ where: { tokenHash: sha256Hex(input.token) }, lock: { mode: 'pessimistic_write' } });
    if (!current) return { kind: 'refused' };
    if (current.revokedAt || current.replacedBy) {
      const revoked = await revokeFamily(tx.manager, current.userId, current.familyId, SessionRevocation.REUSE_DETECTED);
      return { kind: 'reused', userId: current.userId, familyId: current.familyId, revoked };
    }
    if (current.expiresAt <= new Date()) return { kind: 'refused' };
    const user = await tx.manager.getRepository(User).findOneBy({ id: current.userId });
    if (!user) return { kind: 'refused' };
    const issued = await issueSessionTokens(services, tx.manager, user, origin, current.familyId);
    await sessions.update({ id: current.id }, { replacedBy: issued.session.id });
    return { kind: 'rotated', user, issued };
  });

  if (outcome.kind === 'reused') {
    await denyAccessTokensOf(services.redis, outcome.revoked);
    context.logger.warn({ userId: outcome.userId, sessionId: outcome.familyId }, 'refresh token reused: session family revoked');
    throw unauthenticated('Refresh token already used: the session is revoked, sign in again');
  }
  if (outcome.kind === 'refused') throw unauthenticated('Invalid or expired refresh token');
  return RefreshTokenPayload.ok(outcome.user, outcome.issued.tokens);
}
