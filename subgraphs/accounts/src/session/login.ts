import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { hashPassword, spendPasswordCheckTime, verifyPassword } from '../password/password-hasher';
import { acceptTotpCode } from '../mfa/totp';
import { User } from '../user/user.entity';
import { recordFailedAttempt } from '../user/account-lockout';
import { findUserByEmail } from '../user/user-queries';
import { countLoginAttempt } from './login-throttle';
import { issueSessionTokens } from './session-issuer';
import { LoginPayload } from './session.payloads';
import type { LoginInput } from './session.inputs';

/**
 * Signs in (OWASP Authentication Cheat Sheet): rate limited per address and email, the same answer
 * and about the same time for an unknown email and a wrong password, locked for 15 minutes after 5
 * failures in a row (wrong MFA codes included), a TOTP code when MFA is on. Success starts a session family.
 */
export async function login(context: SubgraphContext, services: AccountsServices, input: LoginInput): Promise<LoginPayload> {
  const { origin } = context;
  await countLoginAttempt(services.redis, services.throttleScope, origin.ipAddress, input.email);

  const user = await findUserByEmail(context.db.manager, input.email);
  if (!user) {
    await spendPasswordCheckTime(input.password);
    return LoginPayload.failed(AccountErrors.invalidCredentials());
  }
  // a locked account is refused before the password is checked: guessing on while locked learns nothing
  if (user.isLocked()) return LoginPayload.failed(AccountErrors.accountLocked(user.lockedUntil!));

  const password = await verifyPassword(user.passwordHash, input.password);
  if (!password.matches) {
    await recordFailedAttempt(context.db.manager, user.id);
    return LoginPayload.failed(AccountErrors.invalidCredentials());
  }
  if (user.mfaEnabled) {
    if (!input.mfaCode) return LoginPayload.failed(AccountErrors.mfaRequired());
    const secret = services.cipher.decrypt(user.mfaSecret!, user.id);
    if (!(await acceptTotpCode(context.db.manager, user, secret, input.mfaCode))) {
      await recordFailedAttempt(context.db.manager, user.id);
      return LoginPayload.failed(AccountErrors.invalidMfaCode(['input', 'mfaCode']));
    }
  }
  const newHash = password.needsRehash ? await hashPassword(input.password) : null;

  const issued = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const changes: Partial<User> = { failedLoginCount: 0, lockedUntil: null };
    if (newHash) changes.passwordHash = newHash;
    await tx.manager.getRepository(User).update({ id: user.id }, changes);
    return issueSessionTokens(services, tx.manager, user, origin);
  });
  return LoginPayload.ok(user, issued.tokens);
}
