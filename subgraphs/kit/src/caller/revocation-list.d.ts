import type Redis from 'ioredis';
import type { Caller } from './caller';
/** Redis keys written by accounts on logout (one token) and on "log out everywhere" / password reset (every token of a user). */
export declare const revokedTokenKey: (tokenId: string) => string;
export declare const revokedUserKey: (userId: string) => string;
/**
 * The deny-list every process checks after verifying a token's signature: a logged-out token, or
 * any token of a user issued before they logged out everywhere, is refused at once, though it
 * has not expired. One Redis round trip per request with a token.
 */
export declare class RevocationList {
    private readonly redis;
    constructor(redis: Redis);
    isRevoked(caller: Caller): Promise<boolean>;
    /** Throws UNAUTHENTICATED (HTTP 401) for a revoked token; the caller passes through otherwise. */
    check(caller: Caller): Promise<Caller>;
}
