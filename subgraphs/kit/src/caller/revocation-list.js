"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RevocationList = exports.revokedUserKey = exports.revokedTokenKey = void 0;
const graphql_errors_1 = require("../errors/graphql-errors");
/** Redis keys written by accounts on logout (one token) and on "log out everywhere" / password reset (every token of a user). */
const revokedTokenKey = (tokenId) => `ultramarket:revoked-jti:${tokenId}`;
exports.revokedTokenKey = revokedTokenKey;
const revokedUserKey = (userId) => `ultramarket:revoked-user:${userId}`;
exports.revokedUserKey = revokedUserKey;
/**
 * The deny-list every process checks after verifying a token's signature: a logged-out token, or
 * any token of a user issued before they logged out everywhere, is refused at once, though it
 * has not expired. One Redis round trip per request with a token.
 */
class RevocationList {
    constructor(redis) {
        this.redis = redis;
    }
    async isRevoked(caller) {
        if (!caller.userId || !caller.tokenClaims)
            return false;
        const { tokenId, issuedAt } = caller.tokenClaims;
        const [token, userCutoff] = await this.redis.mget(tokenId ? (0, exports.revokedTokenKey)(tokenId) : '__none__', (0, exports.revokedUserKey)(caller.userId));
        return token !== null || (userCutoff !== null && issuedAt <= Number(userCutoff));
    }
    /** Throws UNAUTHENTICATED (HTTP 401) for a revoked token; the caller passes through otherwise. */
    async check(caller) {
        if (await this.isRevoked(caller))
            throw (0, graphql_errors_1.invalidCredentials)('Access token revoked');
        return caller;
    }
}
exports.RevocationList = RevocationList;
//# sourceMappingURL=revocation-list.js.map