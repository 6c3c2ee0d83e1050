import { randomBytes } from 'node:crypto';
import type { TxtResolver } from '../stores-services';

/** The label under the custom domain where the merchant publishes the challenge, e.g. `_ultramarket-challenge.shop.example.com`. */
export const CHALLENGE_LABEL = '_ultramarket-challenge';
const TOKEN_PREFIX = 'ultramarket-domain-verification=';
/** A slow or unreachable name server fails the check instead of holding the request. */
const LOOKUP_TIMEOUT_MS = 5000;

/** A fresh, unguessable value for the TXT record (192 random bits): one per store and domain it claims. */
export function newDomainToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
}

export function challengeRecordName(domain: string): string {
  return `${CHALLENGE_LABEL}.${domain}`;
}

export type ChallengeOutcome = 'FOUND' | 'ABSENT' | 'LOOKUP_FAILED';

/**
 * Whether the domain's challenge record holds `token`. A record longer than 255 characters arrives
 * as several strings, which are joined; other TXT records at the name are ignored. No record (or no
 * such name) is ABSENT; a lookup that errs otherwise or times out is LOOKUP_FAILED.
 */
export async function findChallenge(resolveTxt: TxtResolver, domain: string, token: string): Promise<ChallengeOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('DNS lookup timed out')), LOOKUP_TIMEOUT_MS);
  });
  try {
    const records = await Promise.race([resolveTxt(challengeRecordName(domain)), timeout]);
    return records.some((chunks) => chunks.join('') === token) ? 'FOUND' : 'ABSENT';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'ENOTFOUND' || code === 'ENODATA' ? 'ABSENT' : 'LOOKUP_FAILED';
  } finally {
    clearTimeout(timer);
  }
}
