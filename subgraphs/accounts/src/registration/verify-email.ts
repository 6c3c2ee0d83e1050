import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { AccountErrors } from '../shared/account-errors';
import { consumeOneTimeToken } from '../one-time-token/one-time-tokens';
import { TokenPurpose } from '../one-time-token/one-time-token.entity';
import { User } from '../user/user.entity';
import type { VerifyEmailInput } from './registration.inputs';
import { VerifyEmailPayload } from './registration.payloads';

/** Uses up the verification token and marks the email verified; a used, expired or unknown token is TOKEN_INVALID. */
export async function verifyEmail(context: SubgraphContext, input: VerifyEmailInput): Promise<VerifyEmailPayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const userId = await consumeOneTimeToken(tx.manager, input.token, TokenPurpose.EMAIL_VERIFICATION);
    if (!userId) return VerifyEmailPayload.failed(AccountErrors.tokenInvalid());
    const users = tx.manager.getRepository(User);
    await users.update({ id: userId }, { isVerified: true });
    return VerifyEmailPayload.ok((await users.findOneBy({ id: userId }))!);
  });
}
