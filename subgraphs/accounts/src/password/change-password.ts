import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { denyAccessTokensIssuedUntilNow } from '../session/token-revocation';
import { revokeAllSessions } from '../session/session-revocation';
import { Session, SessionRevocation } from '../session/session.entity';
import { User } from '../user/user.entity';
import { tokenStoresOf } from '../membership/memberships';
import { checkCurrentPassword } from './current-password';
import { hashPassword } from './password-hasher';
import { passwordProblems } from './password-policy';
import { ChangePasswordPayload } from './password.payloads';
import type { ChangePasswordInput } from './password.inputs';

/**
 * Changes the caller's password after checking the current one. Every other session ends; since
 * access tokens can only be refused per user, the caller's own is refused too and a fresh one for
 * the same session comes back in the payload (its refresh token keeps working).
 */
export async function changePassword(context: SubgraphContext, services: AccountsServices, input: ChangePasswordInput): Promise<ChangePasswordPayload> {
  const userId = context.caller.userId!;
  const sessionId = context.caller.tokenClaims?.sessionId ?? null;
  const current = await context.db.getRepository(User).findOneBy({ id: userId });
  // a stolen access token must not become a way to guess the password
  const refused = await checkCurrentPassword(context.db.manager, current, input.currentPassword);
  if (refused || !current) return ChangePasswordPayload.failed(refused ?? AccountErrors.invalidCredentials(['input', 'currentPassword']));
  const problems = passwordProblems(input.newPassword, current.email);
  if (input.newPassword === input.currentPassword) problems.push('choose a password different from the current one');
  if (problems.length > 0) return ChangePasswordPayload.failed(AccountErrors.weakPassword(problems, ['input', 'newPassword']));
  const passwordHash = await hashPassword(input.newPassword);

  const user = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const users = tx.manager.getRepository(User);
    await users.update({ id: userId }, { passwordHash, passwordChangedAt: new Date() });
    await revokeAllSessions(tx.manager, userId, SessionRevocation.PASSWORD_CHANGED, sessionId);
    return (await users.findOneBy({ id: userId }))!;
  });
  await denyAccessTokensIssuedUntilNow(services.redis, userId);
  const access = await services.signer.sign({ userId, ...(await tokenStoresOf(context.db.manager, user)), sessionId });
  if (sessionId) {
    // the session's live row now names this token, so revoking the session deny-lists it
    await context.db
      .getRepository(Session)
      .createQueryBuilder()
      .update()
      .set({ accessTokenId: access.tokenId, accessTokenExpiresAt: access.expiresAt })
      .where('family_id = :sessionId AND user_id = :userId AND revoked_at IS NULL AND replaced_by IS NULL', { sessionId, userId })
      .execute();
  }
  return Object.assign(ChangePasswordPayload.ok(user), { accessToken: access.token, expiresIn: access.expiresIn });
}
