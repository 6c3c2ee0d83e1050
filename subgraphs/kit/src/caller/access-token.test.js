"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const jsonwebtoken_1 = __importDefault(require("jsonwebtoken"));
const graphql_1 = require("graphql");
const test_signing_1 = require("../../test/support/test-signing");
const access_token_1 = require("./access-token");
const role_1 = require("./role");
const auth = test_signing_1.testAuth;
const keys = (0, test_signing_1.testSigningKeys)();
const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5b';
function expectUnauthenticated(token) {
    try {
        (0, access_token_1.verifyAccessToken)(token, keys, auth);
    }
    catch (error) {
        expect(error).toBeInstanceOf(graphql_1.GraphQLError);
        expect(error.extensions.code).toBe('UNAUTHENTICATED');
        return;
    }
    throw new Error('token was accepted');
}
describe('access tokens', () => {
    it('round-trips the caller', () => {
        const token = (0, access_token_1.signAccessToken)({ sub: 'user-1', roles: [role_1.Role.MERCHANT], storeId }, keys, auth);
        expect((0, access_token_1.verifyAccessToken)(token, keys, auth)).toMatchObject({
            userId: 'user-1',
            roles: [role_1.Role.MERCHANT],
            storeId,
            token,
            tokenClaims: { tokenId: expect.any(String) },
        });
    });
    it('drops roles it does not know', () => {
        const token = jsonwebtoken_1.default.sign({ roles: ['MERCHANT', 'GOD'] }, keys.privateKeyPem, {
            algorithm: 'RS256',
            subject: 'u',
            issuer: auth.issuer,
            audience: auth.audience,
            keyid: 'k1',
        });
        expect((0, access_token_1.verifyAccessToken)(token, keys, auth).roles).toEqual([role_1.Role.MERCHANT]);
    });
    it('refuses alg none', () => {
        const unsigned = jsonwebtoken_1.default.sign({ roles: ['PLATFORM_ADMIN'] }, '', { algorithm: 'none', subject: 'u', issuer: auth.issuer, audience: auth.audience });
        expectUnauthenticated(unsigned);
    });
    it('refuses HS256 signed with the public key', () => {
        const forged = jsonwebtoken_1.default.sign({ roles: ['PLATFORM_ADMIN'] }, keys.publicKeyPem, {
            algorithm: 'HS256',
            subject: 'u',
            issuer: auth.issuer,
            audience: auth.audience,
        });
        expectUnauthenticated(forged);
    });
    it('refuses a wrong issuer, a wrong audience, an unknown key id and another key', () => {
        const sign = (options, key = keys.privateKeyPem) => jsonwebtoken_1.default.sign({ roles: [] }, key, { algorithm: 'RS256', subject: 'u', issuer: auth.issuer, audience: auth.audience, keyid: 'k1', ...options });
        expectUnauthenticated(sign({ issuer: 'someone-else' }));
        expectUnauthenticated(sign({ audience: 'another-api' }));
        expectUnauthenticated(sign({ keyid: 'k2' }));
        const other = (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        expectUnauthenticated(sign({}, other));
    });
    it('refuses a token expired by one second', () => {
        const expired = jsonwebtoken_1.default.sign({ roles: [], exp: Math.floor(Date.now() / 1000) - 1 }, keys.privateKeyPem, {
            algorithm: 'RS256',
            subject: 'u',
            issuer: auth.issuer,
            audience: auth.audience,
            keyid: 'k1',
        });
        expectUnauthenticated(expired);
    });
    it('reads bearer headers and refuses other schemes', () => {
        expect((0, access_token_1.bearerToken)(undefined)).toBeNull();
        expect((0, access_token_1.bearerToken)('Bearer abc.def.ghi')).toBe('abc.def.ghi');
        expect(() => (0, access_token_1.bearerToken)('Basic dXNlcjpwYXNz')).toThrow(/Bearer/);
    });
});
//# sourceMappingURL=access-token.test.js.map