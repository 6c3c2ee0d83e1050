import type Redis from 'ioredis';
import { AccountsPolicy } from '../accounts.policy';
import { rateLimited } from '../shared/account-errors';
import { emailKey } from '../shared/email';
import { countCall, throttlePrefix } from '../shared/rate-limit';
import { sha256Hex } from '../shared/secure-token';

/** Hashed like the sign-in keys, and scoped the same way (see loginAttemptsKey). */
export function resetEmailKey(scope: string, email: string): string {
  return `${throttlePrefix(scope)}reset-requests:${sha256Hex(emailKey(email))}`;
}

export function resetAddressKey(scope: string, ipAddress: string): string {
  return `${throttlePrefix(scope)}reset-requests:address:${sha256Hex(ipAddress)}`;
}

/**
 * Counts one reset request, before anything is looked up or hashed. Past 20 per address in 15 minutes
 * the caller is refused with RATE_LIMITED (a flood costs one Redis round trip each). Past 3 per email
 * it answers false: the request is answered as usual and dropped, so nobody can fill an inbox. The
 * email counter counts every address, with or without an account, so neither answer nor timing says
 * which emails have one.
 */
export async function countResetRequest(redis: Redis, scope: string, ipAddress: string | null, email: string): Promise<boolean> {
  const [byEmail, byAddress] = await countCall(redis, [
    { key: resetEmailKey(scope, email), limit: AccountsPolicy.resetRequestsPerWindow, windowSeconds: AccountsPolicy.resetWindowSeconds },
    // no address known (no HTTP client behind the request): one shared budget would stop every reset
    ...(ipAddress === null
      ? []
      : [{ key: resetAddressKey(scope, ipAddress), limit: AccountsPolicy.resetRequestsPerAddress, windowSeconds: AccountsPolicy.resetWindowSeconds }]),
  ]);
  if (byAddress?.exceeded) throw rateLimited(byAddress.retryAfterSeconds);
  return !byEmail.exceeded;
}
