import type Redis from 'ioredis';
import { AccountsPolicy } from '../accounts.policy';
import { emailKey } from '../shared/email';
import { rateLimited } from '../shared/account-errors';
import { countCall, retryAfter, throttlePrefix } from '../shared/rate-limit';
import { sha256Hex } from '../shared/secure-token';

/**
 * The address and email are hashed into the keys so Redis holds neither. `scope` is the deployment's
 * event namespace: deployments (and test stacks) sharing one Redis keep separate counters.
 */
export function loginAttemptsKey(scope: string, ipAddress: string | null, email: string): string {
  return `${throttlePrefix(scope)}login-attempts:${sha256Hex(`${ipAddress ?? 'unknown'}\n${emailKey(email)}`)}`;
}

export function loginAddressKey(scope: string, ipAddress: string): string {
  return `${throttlePrefix(scope)}login-attempts:address:${sha256Hex(ipAddress)}`;
}

/**
 * Counts one sign-in attempt (every `login` field of a request counts, aliases included) and refuses
 * with RATE_LIMITED past 5 a minute for this address and email, or past 20 a minute for this address
 * whatever the email (credential stuffing: one guess per email). Called before the user is looked up
 * or a password hashed, so a refused attempt costs one Redis round trip. A fixed window: cheap and
 * enough next to the per-account lockout, which stops slow guessing.
 */
export async function countLoginAttempt(redis: Redis, scope: string, ipAddress: string | null, email: string): Promise<void> {
  const counts = await countCall(redis, [
    { key: loginAttemptsKey(scope, ipAddress, email), limit: AccountsPolicy.loginAttemptsPerWindow, windowSeconds: AccountsPolicy.loginWindowSeconds },
    // no address known (no HTTP client behind the request): one shared budget would lock everyone out
    ...(ipAddress === null
      ? []
      : [{ key: loginAddressKey(scope, ipAddress), limit: AccountsPolicy.loginAttemptsPerAddress, windowSeconds: AccountsPolicy.loginWindowSeconds }]),
  ]);
  const wait = retryAfter(counts);
  if (wait !== null) throw rateLimited(wait);
}
