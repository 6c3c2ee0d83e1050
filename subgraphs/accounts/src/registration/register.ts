import { conflict, Role, sealAccountEmailToken, traceOf, type SubgraphContext } from '@ultramarket/kit';
import { AccountsPolicy } from '../accounts.policy';
import { AccountErrors } from '../shared/account-errors';
import { hashPassword } from '../password/password-hasher';
import { passwordProblems } from '../password/password-policy';
import { issueOneTimeToken } from '../one-time-token/one-time-tokens';
import { TokenPurpose } from '../one-time-token/one-time-token.entity';
import type { AccountsServices } from '../accounts-services';
import { User } from '../user/user.entity';
import { UserEvents, type UserRegisteredData } from '../user/user.events';
import { findUserByEmail } from '../user/user-queries';
import { RegisterPayload } from './registration.payloads';
import type { RegisterInput } from './registration.inputs';

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  const { driverError, code } = error as { driverError?: { code?: string }; code?: string };
  return driverError?.code === UNIQUE_VIOLATION || code === UNIQUE_VIOLATION;
}

/**
 * A duplicate email is answered with CONFLICT, as the issue asks. That necessarily tells the caller
 * the address has an account (as every sign-up form does); requestPasswordReset and login never do.
 */
function emailTaken() {
  return conflict('An account with this email already exists; sign in or reset the password');
}

/** Creates a CUSTOMER and publishes accounts.user-registered with a single-use verification token, sealed for notifications. */
export async function register(context: SubgraphContext, services: AccountsServices, input: RegisterInput): Promise<RegisterPayload> {
  const problems = passwordProblems(input.password, input.email);
  if (problems.length > 0) return RegisterPayload.failed(AccountErrors.weakPassword(problems, ['input', 'password']));
  if (await findUserByEmail(context.db.manager, input.email)) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await context.unitOfWork.run(traceOf(context), async (tx) => {
      const users = tx.manager.getRepository(User);
      const user = await users.save(
        users.create({
          email: input.email.trim(),
          passwordHash,
          firstName: input.firstName.trim(),
          lastName: input.lastName.trim(),
          roles: [Role.CUSTOMER],
          storeId: null,
          isVerified: false,
          mfaEnabled: false,
          passwordChangedAt: new Date(),
        }),
      );
      const verification = await issueOneTimeToken(tx.manager, user.id, TokenPurpose.EMAIL_VERIFICATION, AccountsPolicy.verificationTokenTtlSeconds);
      await tx.emit<UserRegisteredData>({
        type: UserEvents.registered,
        storeId: null,
        aggregateId: user.id,
        data: {
          userId: user.id,
          email: user.email,
          firstName: user.firstName,
          sealedVerificationToken: sealAccountEmailToken(services.emailTokenSeal, UserEvents.registered, user.id, verification.token),
          verificationTokenExpiresAt: verification.expiresAt.toISOString(),
        },
      });
      return user;
    });
    return RegisterPayload.ok(user);
  } catch (error) {
    // two registrations of one address at once: the unique index decides
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
