"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.VerifiedTokenCache = void 0;
const node_crypto_1 = require("node:crypto");
/**
 * Tokens whose RS256 signature this process verified lately, by SHA-256 of the token (a memory dump
 * or a log of the keys never shows a usable token). The same shopper token reaches the gateway and
 * every subgraph of a request, about eight verifications per order; this skips the signature, never
 * the revocation check, which every caller still runs on every request (`RevocationList.check`).
 * Only successes are kept, so a forged token costs a verification every time. Least recently used
 * entries are dropped beyond `size`.
 */
class VerifiedTokenCache {
    constructor(config, 
    /** Epoch milliseconds; also the clock `verifyAccessToken` checks `exp` with, so both agree. */
    now = Date.now) {
        this.config = config;
        this.now = now;
        this.entries = new Map();
    }
    get size() {
        return this.entries.size;
    }
    /** The caller verified earlier, if still within its `exp`, the maximum age, and verified by `key` for this issuer and audience. */
    get(token, key, issuer, audience) {
        if (this.config.size === 0 || key === undefined)
            return undefined;
        const id = hashOf(token);
        const entry = this.entries.get(id);
        if (!entry)
            return undefined;
        if (this.now() >= entry.servedUntil || entry.key !== key || entry.issuer !== issuer || entry.audience !== audience) {
            this.entries.delete(id);
            return undefined;
        }
        // re-inserted last: Map keeps insertion order, so the first entry is the least recently used
        this.entries.delete(id);
        this.entries.set(id, entry);
        return copyOf(entry.caller);
    }
    /** Keeps a successful verification; a token without `exp` is not kept. */
    remember(caller, key, issuer, audience) {
        const expiresAt = caller.tokenClaims?.expiresAt ?? 0;
        if (this.config.size === 0 || !caller.token || expiresAt <= 0)
            return;
        const now = this.now();
        const servedUntil = Math.min(expiresAt * 1000, now + this.config.maxAgeSeconds * 1000);
        if (now >= servedUntil)
            return;
        const id = hashOf(caller.token);
        this.entries.delete(id);
        while (this.entries.size >= this.config.size)
            this.entries.delete(this.entries.keys().next().value);
        this.entries.set(id, { caller: copyOf(caller), key, issuer, audience, servedUntil });
    }
    /** Forgets every verification: the trusted keys changed. */
    clear() {
        this.entries.clear();
    }
}
exports.VerifiedTokenCache = VerifiedTokenCache;
const hashOf = (token) => (0, node_crypto_1.createHash)('sha256').update(token).digest('base64url');
/** Callers are spread and narrowed per request (`inStore`); nobody gets the cached object itself. */
function copyOf(caller) {
    return {
        ...caller,
        roles: [...caller.roles],
        memberships: { ...caller.memberships },
        tokenClaims: caller.tokenClaims ? { ...caller.tokenClaims } : caller.tokenClaims,
    };
}
//# sourceMappingURL=verified-token-cache.js.map