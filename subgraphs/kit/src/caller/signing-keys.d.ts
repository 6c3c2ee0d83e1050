import { type KeyObject } from 'node:crypto';
import type { AuthConfig } from '../config/kit-config';
import { VerifiedTokenCache } from './verified-token-cache';
export interface SigningKeys {
    keyId: string;
    /** The configured (or development) public key, for tokens whose `kid` is `keyId`; empty when only JWKS is used. */
    publicKeyPem: string;
    /** Only processes that issue tokens (the dev token command, accounts) need it. */
    privateKeyPem: string | undefined;
    /** Further keys by `kid`, read from JWKS_URL and refreshed (key rotation). */
    trustedKeys?: Map<string, string>;
    /** Tokens these keys verified lately (none: every token is verified); cleared when the trusted keys change. */
    verifiedTokens?: VerifiedTokenCache;
}
/** The key that verifies a token signed with `kid`; undefined for a key nobody trusts. */
export declare function verificationKeyFor(keys: SigningKeys, kid: string | undefined): KeyObject | undefined;
/**
 * Keys from configuration; without them (outside production) a development key pair is generated
 * once under `.dev-keys/` and shared by every local process.
 */
export declare function loadSigningKeys(auth: AuthConfig, isProduction: boolean): SigningKeys;
