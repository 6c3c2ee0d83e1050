import { isUuid, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { denyAccessTokensOf, revokeFamily } from './session-revocation';
import { SessionRevocation } from './session.entity';
import { RevokeSessionPayload } from './session.payloads';
import type { RevokeSessionInput } from './session.inputs';

const notFound = () => UserError.of('NOT_FOUND', 'You have no active session with this id', ['input', 'sessionId']);

/**
 * Ends one of the caller's sessions (a lost phone, a shared computer), the current one included: its
 * refresh tokens stop working and its access tokens are deny-listed at once, as logout does. A session
 * that is not the caller's, or no longer live, is NOT_FOUND, so ids of other users reveal nothing.
 */
export async function revokeSession(context: SubgraphContext, services: AccountsServices, input: RevokeSessionInput): Promise<RevokeSessionPayload> {
  const userId = context.caller.userId!;
  if (!isUuid(input.sessionId)) return RevokeSessionPayload.failed(notFound());
  const revoked = await context.unitOfWork.run(traceOf(context), async (tx) => {
    // only a family with a live row is a session the user can see; its replaced rows are revoked with it
    const live: unknown[] = await tx.manager.query(
      `SELECT 1 FROM session WHERE user_id = $1 AND family_id = $2 AND revoked_at IS NULL AND replaced_by IS NULL AND expires_at > now() FOR UPDATE`,
      [userId, input.sessionId],
    );
    return live.length === 0 ? null : revokeFamily(tx.manager, userId, input.sessionId, SessionRevocation.REVOKED_BY_USER);
  });
  if (!revoked) return RevokeSessionPayload.failed(notFound());
  await denyAccessTokensOf(services.redis, revoked);
  return Object.assign(new RevokeSessionPayload(), { revokedSessionId: input.sessionId, userErrors: [] });
}
