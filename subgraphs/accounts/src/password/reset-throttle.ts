import type Redis from 'ioredis';
import { AccountsPolicy } from '../accounts.policy';
import { rateLimited } from '../shared/account-errors';
import { emailKey } from '../shared/email';
import { countCall } from '../shared/rate-limit';
import { sha256Hex } from '../shared/secure-token';

export function resetEmailKey(email: string): string {
  return `ultramarket:accounts:reset-requests:${sha256Hex(emailKey(email))}`;
}

export function resetAddressKey(ipAddress: string): string {
  return `ultramarket:accounts:reset-requests:address:${sha256Hex(ipAddress)}`;
}

/**
 * Counts one reset request, before anything is looked up or hashed. Past 20 per address in 15 minutes
 * the caller is refused with RATE_LIMITED (a flood costs one Redis round trip each). Past 3 per email
 * it answers false: the request is answered as usual and dropped, so nobody can fill an inbox. The
 * email counter counts every address, with or without an account, so neither answer nor timing says
 * which emails have one.
 */
export async function countResetRequest(redis: Redis, ipAddress: string | null, email: string): Promise<boolean> {
  const [byEmail, byAddress] = await countCall(redis, [
    { key: resetEmailKey(email), limit: AccountsPolicy.resetRequestsPerWindow, windowSeconds: AccountsPolicy.resetWindowSeconds },
    // no address known (no HTTP client behind the request): one shared budget would stop every reset
    ...(ipAddress === null
      ? []
      : [{ key: resetAddressKey(ipAddress), limit: AccountsPolicy.resetRequestsPerAddress, windowSeconds: AccountsPolicy.resetWindowSeconds }]),
  ]);
  if (byAddress?.exceeded) throw rateLimited(byAddress.retryAfterSeconds);
  return !byEmail.exceeded;
}
