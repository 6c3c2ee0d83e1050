import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { User } from '../user/user.entity';
import { recordFailedAttempt } from '../user/account-lockout';
import { checkCurrentPassword } from '../password/current-password';
import { DisableMfaPayload } from './mfa.payloads';
import type { DisableMfaInput } from './mfa.inputs';
import { acceptTotpCode } from './totp';

/**
 * Switches two-factor authentication off with the current password and a current code, and forgets
 * the secret. The password is checked first, outside the transaction (argon2 takes a while); a wrong
 * one counts toward the lockout and leaves the code unspent.
 */
export async function disableMfa(context: SubgraphContext, services: AccountsServices, input: DisableMfaInput): Promise<DisableMfaPayload> {
  const userId = context.caller.userId!;
  const current = await context.db.getRepository(User).findOneBy({ id: userId });
  const wrongPassword = await checkCurrentPassword(context.db.manager, current, input.currentPassword);
  if (wrongPassword) return DisableMfaPayload.failed(wrongPassword);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const users = tx.manager.getRepository(User);
    const user = await users.findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user || !user.mfaEnabled || !user.mfaSecret) return DisableMfaPayload.failed(AccountErrors.mfaNotEnabled());
    const secret = services.cipher.decrypt(user.mfaSecret, user.id);
    if (!(await acceptTotpCode(tx.manager, user, secret, input.code))) {
      await recordFailedAttempt(tx.manager, user.id);
      return DisableMfaPayload.failed(AccountErrors.invalidMfaCode(['input', 'code']));
    }
    // the last used step stays: a code seen before must not work again if MFA is switched back on
    await users.update({ id: user.id }, { mfaEnabled: false, mfaSecret: null, mfaPendingSecret: null });
    return DisableMfaPayload.ok((await users.findOneBy({ id: user.id }))!);
  });
}
