import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { User } from '../user/user.entity';
import { recordFailedAttempt } from '../user/account-lockout';
import { DisableMfaPayload } from './mfa.payloads';
import type { DisableMfaInput } from './mfa.inputs';
import { acceptTotpCode } from './totp';

/** Switches two-factor authentication off with a current code, and forgets the secret. */
export async function disableMfa(context: SubgraphContext, services: AccountsServices, input: DisableMfaInput): Promise<DisableMfaPayload> {
  const userId = context.caller.userId!;
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
