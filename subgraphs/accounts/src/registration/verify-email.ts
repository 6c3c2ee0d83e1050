import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { AccountErrors } from '../shared/account-errors';
import { consumeOneTimeToken } from '../one-time-token/one-time-tokens';
import { TokenPurpose } from '../one-time-token/one-time-token.entity';
import { User } from '../user/user.entity';
import { UserEvents, type EmailVerifiedData } from '../user/user.events';
import type { VerifyEmailInput } from './registration.inputs';
import { VerifyEmailPayload } from './registration.payloads';

/**
 * Uses up the verification token and marks the email verified; a used, expired or unknown token is TOKEN_INVALID.
 * Publishes accounts.email-verified in the same transaction, so customers links the user to their customers
 * exactly when the verification commits.
 */
export async function verifyEmail(context: SubgraphContext, input: VerifyEmailInput): Promise<VerifyEmailPayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const userId = await consumeOneTimeToken(tx.manager, input.token, TokenPurpose.EMAIL_VERIFICATION);
    if (!userId) return VerifyEmailPayload.failed(AccountErrors.tokenInvalid());
    const users = tx.manager.getRepository(User);
    await users.update({ id: userId }, { isVerified: true });
    const user = (await users.findOneBy({ id: userId }))!;
    await tx.emit<EmailVerifiedData>({ type: UserEvents.emailVerified, storeId: null, aggregateId: user.id, data: { userId: user.id, email: user.email } });
    return VerifyEmailPayload.ok(user);
  });
}
