"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.signAccessToken = signAccessToken;
exports.verifyAccessToken = verifyAccessToken;
exports.bearerToken = bearerToken;
const node_crypto_1 = require("node:crypto");
const jsonwebtoken_1 = __importDefault(require("jsonwebtoken"));
const graphql_errors_1 = require("../errors/graphql-errors");
const role_1 = require("./role");
const signing_keys_1 = require("./signing-keys");
/** RS256 only: RFC 8725 says pin the algorithm so `none` and HS256-with-public-key are refused. */
const ALGORITHM = 'RS256';
function signAccessToken(claims, keys, auth, expiresInSeconds = 900, options = {}) {
    if (!keys.privateKeyPem)
        throw new Error('No private key configured: this process cannot issue tokens');
    const payload = {
        roles: claims.roles,
        storeId: claims.storeId ?? null,
        stores: claims.stores ?? membershipsOf(claims.roles, claims.storeId ?? null),
        iat: options.issuedAt ?? Math.floor(Date.now() / 1000),
    };
    if (options.sessionId)
        payload.sid = options.sessionId;
    return jsonwebtoken_1.default.sign(payload, keys.privateKeyPem, {
        algorithm: ALGORITHM,
        subject: claims.sub,
        issuer: auth.issuer,
        audience: auth.audience,
        expiresIn: expiresInSeconds,
        keyid: keys.keyId,
        jwtid: options.tokenId ?? (0, node_crypto_1.randomUUID)(),
    });
}
/**
 * Verifies a bearer token and returns the caller it names; any flaw is UNAUTHENTICATED. A token these
 * keys verified lately is served from `keys.verifiedTokens` (signature skipped, `exp` still checked);
 * the revocation check is the caller's, after this, on every request either way.
 */
function verifyAccessToken(token, keys, auth) {
    const cache = keys.verifiedTokens;
    let key;
    let payload;
    try {
        const header = jsonwebtoken_1.default.decode(token, { complete: true })?.header;
        key = (0, signing_keys_1.verificationKeyFor)(keys, header?.kid);
        if (!key)
            throw new Error('unknown key id');
        const cached = cache?.get(token, key, auth.issuer, auth.audience);
        if (cached)
            return cached;
        const clockTimestamp = Math.floor((cache?.now() ?? Date.now()) / 1000);
        const decoded = jsonwebtoken_1.default.verify(token, key, { algorithms: [ALGORITHM], issuer: auth.issuer, audience: auth.audience, complete: true, clockTimestamp });
        payload = decoded.payload;
    }
    catch (error) {
        const reason = error instanceof jsonwebtoken_1.default.TokenExpiredError ? 'Access token expired' : 'Invalid access token';
        throw (0, graphql_errors_1.invalidCredentials)(reason);
    }
    const caller = callerOf(token, payload);
    cache?.remember(caller, key, auth.issuer, auth.audience);
    return caller;
}
function callerOf(token, payload) {
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(role_1.isRole) : [];
    if (typeof payload.sub !== 'string' || payload.sub === '')
        throw (0, graphql_errors_1.invalidCredentials)('Invalid access token');
    const storeId = typeof payload.storeId === 'string' ? payload.storeId : null;
    return {
        userId: payload.sub,
        roles,
        storeId,
        memberships: { ...membershipsOf(roles, storeId), ...storeRolesIn(payload.stores) },
        token,
        tokenClaims: {
            tokenId: typeof payload.jti === 'string' ? payload.jti : null,
            sessionId: typeof payload.sid === 'string' ? payload.sid : null,
            issuedAt: payload.iat ?? 0,
            expiresAt: payload.exp ?? 0,
        },
        app: null,
    };
}
/** Reads `Authorization: Bearer …`; no header means an anonymous caller, a malformed one is an error. */
function bearerToken(authorization) {
    if (!authorization)
        return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match)
        throw (0, graphql_errors_1.invalidCredentials)('Authorization header must be "Bearer <token>"');
    return match[1];
}
/** The membership a token's own store and roles imply (tokens made before `stores` was a claim). */
function membershipsOf(roles, storeId) {
    const storeRole = roles.find((role) => role_1.STORE_ROLES.includes(role));
    return storeId && storeRole ? { [storeId]: storeRole } : {};
}
function storeRolesIn(claim) {
    if (typeof claim !== 'object' || claim === null)
        return {};
    return Object.fromEntries(Object.entries(claim).filter((entry) => (0, role_1.isRole)(entry[1]) && role_1.STORE_ROLES.includes(entry[1])));
}
//# sourceMappingURL=access-token.js.map