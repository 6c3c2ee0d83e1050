import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/**
 * What is wrong with a new password (empty when nothing): at least 12 characters (OWASP), not made of
 * one character class only, not the email or its local part, not a well-known password.
 */
export function passwordProblems(password: string, email: string | null): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`use at least ${PASSWORD_MIN_LENGTH} characters`);
  if ([...password].length > PASSWORD_MAX_LENGTH) problems.push(`use at most ${PASSWORD_MAX_LENGTH} characters`);
  if (password.length > 0 && CLASSES.filter((characterClass) => characterClass.test(password)).length < 2) {
    problems.push('mix at least two kinds of characters (lower case, upper case, digits, symbols)');
  }
  const lowered = password.trim().toLowerCase();
  if (email) {
    const address = email.trim().toLowerCase();
    if (lowered === address || lowered === address.split('@')[0]) problems.push('do not use your email address');
  }
  if (COMMON_PASSWORDS.has(lowered)) problems.push('this password is too common');
  return problems;
}
