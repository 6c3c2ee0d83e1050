import { createPublicKey, type JsonWebKey } from 'node:crypto';
import type { Logger } from '../logging/logger';
import type { SigningKeys } from './signing-keys';

const REFRESH_MS = 5 * 60 * 1000;

/** Public keys by `kid` from a JWKS document (RSA signing keys only). */
export async function fetchJwks(url: string): Promise<Map<string, string>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`JWKS at ${url} answered ${response.status}`);
  const { keys } = (await response.json()) as { keys?: (JsonWebKey & { kid?: string; use?: string })[] };
  const found = new Map<string, string>();
  for (const jwk of keys ?? []) {
    if (jwk.kty !== 'RSA' || !jwk.kid || (jwk.use && jwk.use !== 'sig')) continue;
    found.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString());
  }
  return found;
}

/**
 * Trusts the keys an issuer publishes at JWKS_URL, refreshed every five minutes so a rotated key
 * is picked up without a restart. Returns the function that stops the refresh.
 */
export async function trustJwks(keys: SigningKeys, url: string, logger: Logger): Promise<() => void> {
  keys.trustedKeys ??= new Map();
  const refresh = async () => {
    const fetched = await fetchJwks(url);
    for (const [kid, pem] of fetched) keys.trustedKeys!.set(kid, pem);
    for (const kid of [...keys.trustedKeys!.keys()]) if (!fetched.has(kid)) keys.trustedKeys!.delete(kid);
  };
  try {
    await refresh();
  } catch (error) {
    logger.warn({ err: error, url }, 'JWKS not available yet; tokens signed with its keys are refused until it is');
  }
  const timer = setInterval(() => refresh().catch((error) => logger.warn({ err: error, url }, 'JWKS refresh failed')), REFRESH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
