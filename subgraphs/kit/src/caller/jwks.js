"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fetchJwks = fetchJwks;
exports.trustJwks = trustJwks;
const node_crypto_1 = require("node:crypto");
const REFRESH_MS = 5 * 60 * 1000;
const RETRY_MS = 5 * 1000;
/**
 * Public keys by `kid` from a JWKS document (RSA signing keys only). A document that is not a key
 * set, or holds no RSA signing key, is an error like an unreachable one: the caller keeps the keys it
 * had rather than trust nothing because of one bad answer.
 */
async function fetchJwks(url) {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok)
        throw new Error(`JWKS at ${url} answered ${response.status}`);
    const { keys } = (await response.json());
    if (!Array.isArray(keys))
        throw new Error(`JWKS at ${url} has no "keys" array`);
    const found = new Map();
    for (const jwk of keys) {
        if (jwk.kty !== 'RSA' || !jwk.kid || (jwk.use && jwk.use !== 'sig'))
            continue;
        found.set(jwk.kid, (0, node_crypto_1.createPublicKey)({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString());
    }
    if (found.size === 0)
        throw new Error(`JWKS at ${url} has no RSA signing key`);
    return found;
}
/**
 * Trusts the keys an issuer publishes at JWKS_URL: read at start, then every `refreshMs`, so a key
 * published for rotation is trusted and a retired one (gone from the document) is refused without a
 * restart. A JWKS that is down at start does not stop the process (accounts, which serves it, may be
 * starting at the same moment): until it answers, every token signed with its keys is refused, and it
 * is asked again every `retryMs` until it does. Once read, a failed refresh keeps the last keys read.
 * Returns the function that stops the refreshing.
 */
async function trustJwks(keys, url, logger, timing = {}) {
    const { refreshMs = REFRESH_MS, retryMs = RETRY_MS } = timing;
    const trusted = (keys.trustedKeys ??= new Map());
    let everRead = false;
    let stopped = false;
    let timer;
    const refresh = async () => {
        let read = false;
        try {
            const fetched = await fetchJwks(url);
            const changed = fetched.size !== trusted.size || [...fetched].some(([kid, pem]) => trusted.get(kid) !== pem);
            for (const [kid, pem] of fetched)
                trusted.set(kid, pem);
            for (const kid of [...trusted.keys()])
                if (!fetched.has(kid))
                    trusted.delete(kid);
            // a retired key's tokens must not outlive it in the cache of verified tokens
            if (changed)
                keys.verifiedTokens?.clear();
            const recovered = !everRead && timer !== undefined;
            if (recovered)
                logger.info({ url, keyIds: [...fetched.keys()] }, 'JWKS answered at last; tokens signed with its keys are accepted');
            everRead = read = true;
        }
        catch (error) {
            if (everRead)
                logger.warn({ err: error, url }, 'JWKS refresh failed; the keys read last are kept');
            else
                logger.warn({ err: error, url, retryMs }, 'JWKS not available yet; tokens signed with its keys are refused until it answers');
        }
        if (stopped)
            return;
        timer = setTimeout(() => void refresh(), read ? refreshMs : retryMs);
        timer.unref();
    };
    await refresh();
    return () => {
        stopped = true;
        clearTimeout(timer);
    };
}
//# sourceMappingURL=jwks.js.map