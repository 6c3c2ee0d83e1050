import type { EntityManager } from 'typeorm';
import type { UserError } from '@ultramarket/kit';
import { AccountErrors } from '../shared/account-errors';
import { recordFailedAttempt } from '../user/account-lockout';
import type { User } from '../user/user.entity';
import { verifyPassword } from './password-hasher';

/**
 * Proves the signed-in caller knows the password before a change that would let a stolen access token
 * take the account over (a new password, MFA set up or switched off). A locked account is refused
 * before the password is checked; a wrong password counts toward the lockout like a failed sign-in.
 * Answers the userError to return, or null when the password is right.
 */
export async function checkCurrentPassword(manager: EntityManager, user: User | null, password: string): Promise<UserError | null> {
  const field = ['input', 'currentPassword'];
  if (!user) return AccountErrors.invalidCredentials(field);
  if (user.isLocked()) return AccountErrors.accountLocked(user.lockedUntil!);
  if ((await verifyPassword(user.passwordHash, password)).matches) return null;
  await recordFailedAttempt(manager, user.id);
  return AccountErrors.invalidCredentials(field);
}
