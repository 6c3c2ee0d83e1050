import type { Logger } from '../logging/logger';
import type { SigningKeys } from './signing-keys';
/**
 * Public keys by `kid` from a JWKS document (RSA signing keys only). A document that is not a key
 * set, or holds no RSA signing key, is an error like an unreachable one: the caller keeps the keys it
 * had rather than trust nothing because of one bad answer.
 */
export declare function fetchJwks(url: string): Promise<Map<string, string>>;
export interface JwksTiming {
    /** How often a JWKS that answered is read again, so a published key is trusted and a retired one dropped (default five minutes). */
    refreshMs?: number;
    /** How soon a JWKS that did not answer (or answered nonsense) is asked again (default five seconds). */
    retryMs?: number;
}
/**
 * Trusts the keys an issuer publishes at JWKS_URL: read at start, then every `refreshMs`, so a key
 * published for rotation is trusted and a retired one (gone from the document) is refused without a
 * restart. A JWKS that is down at start does not stop the process (accounts, which serves it, may be
 * starting at the same moment): until it answers, every token signed with its keys is refused, and it
 * is asked again every `retryMs` until it does. Once read, a failed refresh keeps the last keys read.
 * Returns the function that stops the refreshing.
 */
export declare function trustJwks(keys: SigningKeys, url: string, logger: Logger, timing?: JwksTiming): Promise<() => void>;
