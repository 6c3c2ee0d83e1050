"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const jsonwebtoken_1 = __importDefault(require("jsonwebtoken"));
const test_signing_1 = require("../../test/support/test-signing");
const access_token_1 = require("./access-token");
const role_1 = require("./role");
const verified_token_cache_1 = require("./verified-token-cache");
const auth = test_signing_1.testAuth;
const pair = (0, test_signing_1.testSigningKeys)();
/** A clock the test moves: both the cache and `exp` are judged by it. */
class TestClock {
    constructor() {
        this.ms = Date.now();
        this.now = () => this.ms;
    }
    advanceSeconds(seconds) {
        this.ms += seconds * 1000;
    }
}
function cachedKeys(size = 10, maxAgeSeconds = 60, clock = new TestClock()) {
    return { ...pair, verifiedTokens: new verified_token_cache_1.VerifiedTokenCache({ size, maxAgeSeconds }, clock.now) };
}
const sign = (subject = 'user-1', expiresInSeconds = 900, keys = pair) => (0, access_token_1.signAccessToken)({ sub: subject, roles: [role_1.Role.CUSTOMER] }, keys, auth, expiresInSeconds);
const accepted = (token, keys) => {
    try {
        return (0, access_token_1.verifyAccessToken)(token, keys, auth).userId !== null;
    }
    catch {
        return false;
    }
};
describe('the cache of verified tokens', () => {
    const verify = jest.spyOn(jsonwebtoken_1.default, 'verify');
    beforeEach(() => verify.mockClear());
    afterAll(() => verify.mockRestore());
    it('verifies the signature of a token once and serves the same claims after', () => {
        const keys = cachedKeys();
        const token = sign();
        const first = (0, access_token_1.verifyAccessToken)(token, keys, auth);
        const second = (0, access_token_1.verifyAccessToken)(token, keys, auth);
        expect(verify).toHaveBeenCalledTimes(1);
        expect(second).toEqual(first);
        expect(second).toMatchObject({ userId: 'user-1', roles: [role_1.Role.CUSTOMER], token });
        // nobody gets the cached object itself to change
        second.roles.push(role_1.Role.PLATFORM_ADMIN);
        expect((0, access_token_1.verifyAccessToken)(token, keys, auth).roles).toEqual([role_1.Role.CUSTOMER]);
    });
    it('keys entries by the SHA-256 of the token, never the token', () => {
        const keys = cachedKeys();
        const token = sign();
        (0, access_token_1.verifyAccessToken)(token, keys, auth);
        const entries = keys.verifiedTokens.entries;
        expect([...entries.keys()]).toHaveLength(1);
        expect([...entries.keys()][0]).not.toContain(token.split('.')[2]);
        expect([...entries.keys()][0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
    it('refuses a cached token once it expires', () => {
        const clock = new TestClock();
        const keys = cachedKeys(10, 60, clock);
        const token = (0, access_token_1.signAccessToken)({ sub: 'user-1', roles: [] }, pair, auth, 2, { issuedAt: Math.floor(clock.ms / 1000) });
        expect(accepted(token, keys)).toBe(true);
        expect(accepted(token, keys)).toBe(true);
        expect(verify).toHaveBeenCalledTimes(1);
        clock.advanceSeconds(3);
        expect(() => (0, access_token_1.verifyAccessToken)(token, keys, auth)).toThrow('Access token expired');
    });
    it('verifies the signature again after the maximum age', () => {
        const clock = new TestClock();
        const keys = cachedKeys(10, 60, clock);
        const token = sign();
        (0, access_token_1.verifyAccessToken)(token, keys, auth);
        clock.advanceSeconds(59);
        (0, access_token_1.verifyAccessToken)(token, keys, auth);
        expect(verify).toHaveBeenCalledTimes(1);
        clock.advanceSeconds(2);
        (0, access_token_1.verifyAccessToken)(token, keys, auth);
        expect(verify).toHaveBeenCalledTimes(2);
    });
    it('refuses a cached token once its key is no longer trusted', () => {
        const rotated = (0, test_signing_1.testSigningKeys)();
        const keys = { ...cachedKeys(), trustedKeys: new Map([['k2', rotated.publicKeyPem]]) };
        const token = sign('user-2', 900, { ...rotated, keyId: 'k2' });
        expect([accepted(token, keys), accepted(token, keys)]).toEqual([true, true]);
        expect(verify).toHaveBeenCalledTimes(1);
        // the JWKS refresh drops k2 (trustJwks also clears the cache then; even without that, the entry is not served)
        keys.trustedKeys.delete('k2');
        expect(accepted(token, keys)).toBe(false);
        // and a k2 republished with another key does not honour what the old one verified
        keys.trustedKeys.set('k2', (0, test_signing_1.testSigningKeys)().publicKeyPem);
        expect(accepted(token, keys)).toBe(false);
    });
    it('does not serve a token verified for another issuer or audience', () => {
        const keys = cachedKeys();
        const token = sign();
        (0, access_token_1.verifyAccessToken)(token, keys, auth);
        expect(() => (0, access_token_1.verifyAccessToken)(token, keys, { ...auth, audience: 'another-api' })).toThrow('Invalid access token');
        expect(() => (0, access_token_1.verifyAccessToken)(token, keys, { ...auth, issuer: 'someone-else' })).toThrow('Invalid access token');
    });
    it('keeps at most its size, dropping the least recently used', () => {
        const keys = cachedKeys(2);
        const [a, b, c] = ['a', 'b', 'c'].map((subject) => sign(subject));
        (0, access_token_1.verifyAccessToken)(a, keys, auth);
        (0, access_token_1.verifyAccessToken)(b, keys, auth);
        (0, access_token_1.verifyAccessToken)(a, keys, auth); // a is now the most recently used
        (0, access_token_1.verifyAccessToken)(c, keys, auth); // b goes
        expect(keys.verifiedTokens.size).toBe(2);
        verify.mockClear();
        (0, access_token_1.verifyAccessToken)(a, keys, auth);
        (0, access_token_1.verifyAccessToken)(c, keys, auth);
        expect(verify).not.toHaveBeenCalled();
        (0, access_token_1.verifyAccessToken)(b, keys, auth);
        expect(verify).toHaveBeenCalledTimes(1);
    });
    it('never keeps a failed verification', () => {
        const keys = cachedKeys();
        const forged = `${sign().split('.').slice(0, 2).join('.')}.${sign('someone-else').split('.')[2]}`;
        expect([accepted(forged, keys), accepted(forged, keys)]).toEqual([false, false]);
        expect(verify).toHaveBeenCalledTimes(2);
        expect(keys.verifiedTokens.size).toBe(0);
    });
    it('is off at size 0', () => {
        const keys = cachedKeys(0);
        const token = sign();
        (0, access_token_1.verifyAccessToken)(token, keys, auth);
        (0, access_token_1.verifyAccessToken)(token, keys, auth);
        expect(verify).toHaveBeenCalledTimes(2);
        expect(keys.verifiedTokens.size).toBe(0);
    });
});
//# sourceMappingURL=verified-token-cache.test.js.map