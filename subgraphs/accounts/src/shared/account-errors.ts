import { GraphQLError } from 'graphql';
import { ErrorCode, UserError } from '@ultramarket/kit';

/** The expected ways an accounts mutation does not happen, as typed userErrors (BLUEPRINT "Errors"). */
export const AccountErrors = {
  /** Wrong password and unknown email answer alike, so sign-in does not reveal who has an account. */
  invalidCredentials: (field = ['input', 'password']) => UserError.of('INVALID_CREDENTIALS', 'The email or password is incorrect', field),
  accountLocked: (until: Date) =>
    UserError.of('ACCOUNT_LOCKED', `Too many failed sign-ins: this account is locked until ${until.toISOString()}. Try again later or reset the password`),
  mfaRequired: () => UserError.of('MFA_REQUIRED', 'Enter the 6-digit code from your authenticator app', ['input', 'mfaCode']),
  invalidMfaCode: (field: string[]) => UserError.of('INVALID_MFA_CODE', 'The code is wrong, expired or already used', field),
  weakPassword: (reasons: string[], field: string[]) => UserError.of('WEAK_PASSWORD', `Choose a stronger password: ${reasons.join('; ')}`, field),
  tokenInvalid: () => UserError.of('TOKEN_INVALID', 'This link is invalid, expired or already used', ['input', 'token']),
  mfaAlreadyEnabled: () => UserError.of('MFA_ALREADY_ENABLED', 'Two-factor authentication is already on; disable it first to change the secret'),
  mfaNotSetUp: () => UserError.of('MFA_NOT_SET_UP', 'Call setupMfa first, then confirm with a code from the app'),
  mfaNotEnabled: () => UserError.of('MFA_NOT_ENABLED', 'Two-factor authentication is not on'),
  userNotFound: () => UserError.of('USER_NOT_FOUND', 'No such user', ['input', 'userId']),
  storeRequired: () => UserError.of('STORE_REQUIRED', 'MERCHANT and STORE_STAFF act for a store: give its storeId', ['input', 'storeId']),
  lastPlatformAdmin: () => UserError.of('LAST_PLATFORM_ADMIN', 'The platform must keep at least one PLATFORM_ADMIN', ['input', 'role']),
};

/** Too many attempts: a GraphQL error (like an HTTP 429), with the seconds to wait. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many attempts; try again in ${retryAfterSeconds} s`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds },
  });
}
