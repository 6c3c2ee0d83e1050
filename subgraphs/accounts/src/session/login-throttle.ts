import type Redis from 'ioredis';
import { AccountsPolicy } from '../accounts.policy';
import { emailKey } from '../shared/email';
import { rateLimited } from '../shared/account-errors';
import { sha256Hex } from '../shared/secure-token';

/** The email is hashed into the key so Redis holds no addresses. */
export function loginAttemptsKey(ipAddress: string | null, email: string): string {
  return `ultramarket:accounts:login-attempts:${sha256Hex(`${ipAddress ?? 'unknown'}\n${emailKey(email)}`)}`;
}

/**
 * Counts one sign-in attempt for this address and email (every `login` field of a request counts,
 * aliases included) and refuses with RATE_LIMITED past 5 a minute. A fixed window: cheap and enough
 * next to the per-account lockout, which stops slow guessing.
 */
export async function countLoginAttempt(redis: Redis, ipAddress: string | null, email: string): Promise<void> {
  const key = loginAttemptsKey(ipAddress, email);
  const results = await redis.multi().incr(key).expire(key, AccountsPolicy.loginWindowSeconds, 'NX').ttl(key).exec();
  const attempts = Number(results?.[0]?.[1] ?? 0);
  const ttl = Number(results?.[2]?.[1] ?? AccountsPolicy.loginWindowSeconds);
  if (attempts > AccountsPolicy.loginAttemptsPerWindow) throw rateLimited(ttl > 0 ? ttl : AccountsPolicy.loginWindowSeconds);
}
