"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const jsonwebtoken_1 = __importDefault(require("jsonwebtoken"));
const test_names_1 = require("../../test/support/test-names");
const test_signing_1 = require("../../test/support/test-signing");
const logger_1 = require("../logging/logger");
const access_token_1 = require("./access-token");
const jwks_1 = require("./jwks");
const verified_token_cache_1 = require("./verified-token-cache");
const auth = test_signing_1.testAuth;
const silent = (0, logger_1.createLogger)('test', 'silent');
/** An issuer's key: its private half signs, its public half is what the JWKS publishes under `kid`. */
function issuerKey(kid) {
    const pair = (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 });
    const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
    const sign = (subject = 'u1') => signWith(pair.privateKey, kid, subject);
    return { kid, jwk, sign };
}
function signWith(privateKey, kid, subject) {
    return jsonwebtoken_1.default.sign({ roles: ['CUSTOMER'] }, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        algorithm: 'RS256',
        subject,
        issuer: auth.issuer,
        audience: auth.audience,
        keyid: kid,
        // as accounts signs them: a token without exp is never cached
        expiresIn: 900,
    });
}
const verifies = (token, keys) => {
    try {
        return (0, access_token_1.verifyAccessToken)(token, keys, auth).userId !== null;
    }
    catch {
        return false;
    }
};
/** Keys trusted only from the JWKS, as in production with JWKS_URL and no JWT_PUBLIC_KEY. */
const jwksOnly = () => ({ keyId: 'k1', publicKeyPem: '', privateKeyPem: undefined });
/** A real JWKS endpoint whose document (or failure) the test changes as an issuer would. */
class JwksServer {
    constructor() {
        /** What GET answers: a status and a body. */
        this.answer = { status: 200, body: { keys: [] } };
        /** GET requests answered so far. */
        this.requests = 0;
        this.port = 0;
    }
    publish(...keys) {
        this.answer = { status: 200, body: { keys: keys.map(({ jwk }) => jwk) } };
    }
    get url() {
        return `http://127.0.0.1:${this.port}/.well-known/jwks.json`;
    }
    async start(port = 0) {
        this.server = (0, node_http_1.createServer)((_request, response) => {
            this.requests += 1;
            response.writeHead(this.answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(this.answer.body));
        });
        await new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => resolve()));
        this.port = this.server.address().port;
    }
    async stop() {
        const server = this.server;
        this.server = undefined;
        if (server)
            await new Promise((resolve) => server.close(resolve));
    }
}
describe('keys from a JWKS document', () => {
    const jwks = new JwksServer();
    const stops = [];
    const trust = async (keys) => stops.push(await (0, jwks_1.trustJwks)(keys, jwks.url, silent, { refreshMs: 50, retryMs: 50 }));
    /** Waits until the JWKS has been asked twice more: the answer it serves now has been read. */
    const twoMoreReads = async () => {
        const seen = jwks.requests;
        await (0, test_names_1.eventually)(async () => jwks.requests >= seen + 2, 5_000, 'two more JWKS reads');
    };
    afterEach(async () => {
        for (const stop of stops.splice(0))
            stop();
        await jwks.stop();
    });
    it('accepts tokens signed with a published key and refuses unknown key ids', async () => {
        const published = issuerKey('k2');
        await jwks.start();
        jwks.publish(published);
        const keys = jwksOnly();
        stops.push(await (0, jwks_1.trustJwks)(keys, jwks.url, silent));
        expect((0, access_token_1.verifyAccessToken)(published.sign(), keys, auth)).toMatchObject({ userId: 'u1', roles: ['CUSTOMER'] });
        expect(() => (0, access_token_1.verifyAccessToken)(issuerKey('k3').sign(), keys, auth)).toThrow('Invalid access token');
        // a token that names a published kid but is signed by another key is refused too
        expect(() => (0, access_token_1.verifyAccessToken)(signWith((0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 }).privateKey, 'k2', 'u1'), keys, auth)).toThrow('Invalid access token');
    });
    it('picks up a key published for rotation and refuses a retired one after the refresh', async () => {
        const old = issuerKey('k-2025');
        const next = issuerKey('k-2026');
        await jwks.start();
        jwks.publish(old);
        const keys = jwksOnly();
        await trust(keys);
        expect([verifies(old.sign(), keys), verifies(next.sign(), keys)]).toEqual([true, false]);
        // the issuer publishes the next key beside the old one before signing with it
        jwks.publish(old, next);
        await (0, test_names_1.eventually)(async () => verifies(next.sign(), keys), 5_000, 'the published key to be trusted');
        expect(verifies(old.sign(), keys)).toBe(true);
        // then retires the old one: tokens it signed are refused once the JWKS no longer lists it
        jwks.publish(next);
        await (0, test_names_1.eventually)(async () => !verifies(old.sign(), keys), 5_000, 'the retired key to be refused');
        expect(verifies(next.sign(), keys)).toBe(true);
        expect(keys.trustedKeys && [...keys.trustedKeys.keys()]).toEqual(['k-2026']);
    });
    it('forgets the tokens it verified when the key set changes, not when it stays the same', async () => {
        const old = issuerKey('k-2025');
        const next = issuerKey('k-2026');
        await jwks.start();
        jwks.publish(old);
        const keys = { ...jwksOnly(), verifiedTokens: new verified_token_cache_1.VerifiedTokenCache({ size: 10, maxAgeSeconds: 60 }) };
        await trust(keys);
        const token = old.sign();
        expect(verifies(token, keys)).toBe(true);
        await twoMoreReads();
        expect(keys.verifiedTokens.size).toBe(1);
        jwks.publish(next);
        await (0, test_names_1.eventually)(async () => keys.verifiedTokens.size === 0, 5_000, 'the cache to be cleared');
        expect(verifies(token, keys)).toBe(false);
    });
    it('starts while the JWKS is down, refuses every token until it answers, then accepts them', async () => {
        const key = issuerKey('k2');
        // a port nobody listens on yet: connection refused, as when accounts is still starting
        await jwks.start();
        const { port } = jwks;
        await jwks.stop();
        const keys = jwksOnly();
        jwks.port = port;
        await trust(keys);
        expect(verifies(key.sign(), keys)).toBe(false);
        jwks.publish(key);
        await jwks.start(port);
        await (0, test_names_1.eventually)(async () => verifies(key.sign(), keys), 5_000, 'the JWKS to be read once it answers');
    });
    it('refuses every token while the JWKS answers an error or no keys at start', async () => {
        const key = issuerKey('k2');
        await jwks.start();
        jwks.answer = { status: 503, body: { error: 'starting' } };
        const keys = jwksOnly();
        await trust(keys);
        expect(verifies(key.sign(), keys)).toBe(false);
        await twoMoreReads();
        expect(verifies(key.sign(), keys)).toBe(false);
        jwks.answer = { status: 200, body: { keys: [] } };
        await twoMoreReads();
        expect(verifies(key.sign(), keys)).toBe(false);
        jwks.publish(key);
        await (0, test_names_1.eventually)(async () => verifies(key.sign(), keys), 5_000, 'the JWKS to be read once it lists a key');
    });
    it('keeps the keys it read when a later refresh fails or answers something that is not a key set', async () => {
        const key = issuerKey('k2');
        await jwks.start();
        jwks.publish(key);
        const keys = jwksOnly();
        await trust(keys);
        expect(verifies(key.sign(), keys)).toBe(true);
        for (const answer of [
            { status: 500, body: {} },
            { status: 200, body: { keys: 'none' } },
            { status: 200, body: { keys: [] } },
        ]) {
            jwks.answer = answer;
            await twoMoreReads();
            expect([answer, verifies(key.sign(), keys)]).toEqual([answer, true]);
        }
        // down altogether: the last keys read still verify
        const requestsBefore = jwks.requests;
        await jwks.stop();
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect([jwks.requests, verifies(key.sign(), keys)]).toEqual([requestsBefore, true]);
    });
});
//# sourceMappingURL=jwks.test.js.map