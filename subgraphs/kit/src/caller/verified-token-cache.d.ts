import { type KeyObject } from 'node:crypto';
import type { TokenCacheConfig } from '../config/kit-config';
import type { Caller } from './caller';
/**
 * Tokens whose RS256 signature this process verified lately, by SHA-256 of the token (a memory dump
 * or a log of the keys never shows a usable token). The same shopper token reaches the gateway and
 * every subgraph of a request, about eight verifications per order; this skips the signature, never
 * the revocation check, which every caller still runs on every request (`RevocationList.check`).
 * Only successes are kept, so a forged token costs a verification every time. Least recently used
 * entries are dropped beyond `size`.
 */
export declare class VerifiedTokenCache {
    private readonly config;
    /** Epoch milliseconds; also the clock `verifyAccessToken` checks `exp` with, so both agree. */
    readonly now: () => number;
    private readonly entries;
    constructor(config: TokenCacheConfig, 
    /** Epoch milliseconds; also the clock `verifyAccessToken` checks `exp` with, so both agree. */
    now?: () => number);
    get size(): number;
    /** The caller verified earlier, if still within its `exp`, the maximum age, and verified by `key` for this issuer and audience. */
    get(token: string, key: KeyObject | undefined, issuer: string, audience: string): Caller | undefined;
    /** Keeps a successful verification; a token without `exp` is not kept. */
    remember(caller: Caller, key: KeyObject, issuer: string, audience: string): void;
    /** Forgets every verification: the trusted keys changed. */
    clear(): void;
}
