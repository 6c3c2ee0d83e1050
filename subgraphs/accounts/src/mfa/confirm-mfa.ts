import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { User } from '../user/user.entity';
import { recordFailedAttempt } from '../user/account-lockout';
import { ConfirmMfaPayload } from './mfa.payloads';
import type { ConfirmMfaInput } from './mfa.inputs';
import { acceptTotpCode } from './totp';

/** Switches two-factor authentication on once a code proves the app holds the pending secret. */
export async function confirmMfa(context: SubgraphContext, services: AccountsServices, input: ConfirmMfaInput): Promise<ConfirmMfaPayload> {
  const userId = context.caller.userId!;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const users = tx.manager.getRepository(User);
    const user = await users.findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) return ConfirmMfaPayload.failed(AccountErrors.mfaNotSetUp());
    if (user.mfaEnabled) return ConfirmMfaPayload.failed(AccountErrors.mfaAlreadyEnabled());
    if (!user.mfaPendingSecret) return ConfirmMfaPayload.failed(AccountErrors.mfaNotSetUp());
    const secret = services.cipher.decrypt(user.mfaPendingSecret, user.id);
    if (!(await acceptTotpCode(tx.manager, user, secret, input.code))) {
      await recordFailedAttempt(tx.manager, user.id);
      return ConfirmMfaPayload.failed(AccountErrors.invalidMfaCode(['input', 'code']));
    }
    // the same ciphertext: it was encrypted for this user
    await users.update({ id: user.id }, { mfaEnabled: true, mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null });
    return ConfirmMfaPayload.ok((await users.findOneBy({ id: user.id }))!);
  });
}
