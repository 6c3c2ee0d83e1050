import type { AuthConfig } from '../config/kit-config';
import type { Caller } from './caller';
import { type Role } from './role';
import { type SigningKeys } from './signing-keys';
export interface AccessTokenClaims {
    sub: string;
    /** Platform roles, plus the role in `storeId` when the user works there. */
    roles: Role[];
    /** The store the token acts for by default. */
    storeId?: string | null;
    /** Every store the user works in, with their role there (`X-Store-Id` picks one of them). */
    stores?: Record<string, Role>;
}
export interface SignOptions {
    /** The session the token belongs to (`sid`): logging out revokes it. */
    sessionId?: string;
    /** Unix seconds; defaults to now (accounts dates a token after a user's revocation mark). */
    issuedAt?: number;
    /** The token id (`jti`); a fresh UUID by default. */
    tokenId?: string;
}
export declare function signAccessToken(claims: AccessTokenClaims, keys: SigningKeys, auth: AuthConfig, expiresInSeconds?: number, options?: SignOptions): string;
/**
 * Verifies a bearer token and returns the caller it names; any flaw is UNAUTHENTICATED. A token these
 * keys verified lately is served from `keys.verifiedTokens` (signature skipped, `exp` still checked);
 * the revocation check is the caller's, after this, on every request either way.
 */
export declare function verifyAccessToken(token: string, keys: SigningKeys, auth: AuthConfig): Caller;
/** Reads `Authorization: Bearer …`; no header means an anonymous caller, a malformed one is an error. */
export declare function bearerToken(authorization: string | undefined): string | null;
