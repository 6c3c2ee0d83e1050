import { sealAccountEmailToken, traceOf, type SubgraphContext } from '@ultramarket/kit';
import { AccountsPolicy } from '../accounts.policy';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { consumeOneTimeToken, issueOneTimeToken, peekOneTimeToken } from '../one-time-token/one-time-tokens';
import { TokenPurpose } from '../one-time-token/one-time-token.entity';
import { denyAccessTokensIssuedUntilNow } from '../session/token-revocation';
import { revokeAllSessions } from '../session/session-revocation';
import { SessionRevocation } from '../session/session.entity';
import { User } from '../user/user.entity';
import { UserEvents, type PasswordResetRequestedData } from '../user/user.events';
import { findUserByEmail } from '../user/user-queries';
import { hashPassword, spendPasswordCheckTime } from './password-hasher';
import { passwordProblems } from './password-policy';
import { countResetRequest } from './reset-throttle';
import { RequestPasswordResetPayload, ResetPasswordPayload } from './password.payloads';
import type { RequestPasswordResetInput, ResetPasswordInput } from './password.inputs';

/**
 * Starts a reset, answering exactly the same whether or not the email has an account (OWASP Forgot
 * Password Cheat Sheet). Throttled first (per client address: RATE_LIMITED; per email: dropped with
 * the usual answer), before anything is looked up or hashed. Then both paths spend one password hash,
 * the costliest step, so their timing matches too; only for an existing account is
 * accounts.password-reset-requested published.
 */
export async function requestPasswordReset(
  context: SubgraphContext,
  services: AccountsServices,
  input: RequestPasswordResetInput,
): Promise<RequestPasswordResetPayload> {
  if (!(await countResetRequest(services.redis, services.throttleScope, context.origin.ipAddress, input.email))) return accepted();
  const [user] = await Promise.all([findUserByEmail(context.db.manager, input.email), spendPasswordCheckTime(input.email)]);
  if (user) {
    await context.unitOfWork.run(traceOf(context), async (tx) => {
      const reset = await issueOneTimeToken(tx.manager, user.id, TokenPurpose.PASSWORD_RESET, AccountsPolicy.resetTokenTtlSeconds);
      await tx.emit<PasswordResetRequestedData>({
        type: UserEvents.passwordResetRequested,
        storeId: null,
        aggregateId: user.id,
        data: {
          userId: user.id,
          email: user.email,
          firstName: user.firstName,
          sealedResetToken: sealAccountEmailToken(services.emailTokenSeal, UserEvents.passwordResetRequested, user.id, reset.token),
          resetTokenExpiresAt: reset.expiresAt.toISOString(),
        },
      });
    });
  }
  return accepted();
}

function accepted(): RequestPasswordResetPayload {
  return Object.assign(new RequestPasswordResetPayload(), { accepted: true, userErrors: [] });
}

/**
 * Sets a new password with a reset token (single use, one hour). The account is unlocked and every
 * session ends: refresh tokens revoked, access tokens issued until now refused.
 */
export async function resetPassword(context: SubgraphContext, services: AccountsServices, input: ResetPasswordInput): Promise<ResetPasswordPayload> {
  const userId = await peekOneTimeToken(context.db.manager, input.token, TokenPurpose.PASSWORD_RESET);
  const owner = userId ? await context.db.getRepository(User).findOneBy({ id: userId }) : null;
  if (!owner) return ResetPasswordPayload.failed(AccountErrors.tokenInvalid());
  // the token survives a refused password, so the user can try another
  const problems = passwordProblems(input.newPassword, owner.email);
  if (problems.length > 0) return ResetPasswordPayload.failed(AccountErrors.weakPassword(problems, ['input', 'newPassword']));
  const passwordHash = await hashPassword(input.newPassword);

  const user = await context.unitOfWork.run(traceOf(context), async (tx) => {
    if ((await consumeOneTimeToken(tx.manager, input.token, TokenPurpose.PASSWORD_RESET)) !== owner.id) return null;
    const users = tx.manager.getRepository(User);
    await users.update({ id: owner.id }, { passwordHash, passwordChangedAt: new Date(), failedLoginCount: 0, lockedUntil: null });
    await revokeAllSessions(tx.manager, owner.id, SessionRevocation.PASSWORD_RESET);
    return users.findOneBy({ id: owner.id });
  });
  if (!user) return ResetPasswordPayload.failed(AccountErrors.tokenInvalid());
  await denyAccessTokensIssuedUntilNow(services.redis, user.id);
  return ResetPasswordPayload.ok(user);
}
