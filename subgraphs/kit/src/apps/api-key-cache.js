"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_KEY_UNKNOWN = exports.API_KEY_REVOKED = void 0;
exports.apiKeyCacheKey = apiKeyCacheKey;
exports.encodeCachedApiKey = encodeCachedApiKey;
exports.decodeCachedApiKey = decodeCachedApiKey;
exports.markApiKeysRevoked = markApiKeysRevoked;
exports.forgetApiKeys = forgetApiKeys;
const app_identity_1 = require("./app-identity");
/**
 * What the gateways remember of API keys, shared in Redis under the key's hash: the app it belongs to,
 * `none` (no such live key) or `revoked`. The gateways write an answer only where nothing is (SET NX),
 * and the apps subgraph writes `revoked` over whatever is there once a revocation commits, so a key
 * stops working at once on every gateway replica, and a verification that raced the revocation cannot
 * put the key back. Scope changes delete the entry: the next request verifies again.
 */
exports.API_KEY_REVOKED = 'revoked';
exports.API_KEY_UNKNOWN = 'none';
function apiKeyCacheKey(eventNamespace, keyHash) {
    return `ultramarket:api-key:${eventNamespace ? `${eventNamespace}:` : ''}${keyHash}`;
}
function encodeCachedApiKey(entry) {
    return typeof entry === 'string' ? entry : (0, app_identity_1.appCallerHeader)(entry);
}
/** The cached entry, or undefined when there is none (or it cannot be read). */
function decodeCachedApiKey(value) {
    if (value === null)
        return undefined;
    if (value === exports.API_KEY_REVOKED || value === exports.API_KEY_UNKNOWN)
        return value;
    return (0, app_identity_1.parseAppCallerHeader)(value) ?? undefined;
}
/** After a revocation commits: the key is refused everywhere from now on (kept for `seconds`, longer than any cached answer). */
async function markApiKeysRevoked(redis, eventNamespace, keyHashes, seconds) {
    if (keyHashes.length === 0)
        return;
    const batch = redis.multi();
    for (const hash of keyHashes)
        batch.set(apiKeyCacheKey(eventNamespace, hash), exports.API_KEY_REVOKED, 'EX', seconds);
    await batch.exec();
}
/** After an app's scopes change: its keys are verified again on their next request. */
async function forgetApiKeys(redis, eventNamespace, keyHashes) {
    if (keyHashes.length === 0)
        return;
    await redis.del(...keyHashes.map((hash) => apiKeyCacheKey(eventNamespace, hash)));
}
//# sourceMappingURL=api-key-cache.js.map