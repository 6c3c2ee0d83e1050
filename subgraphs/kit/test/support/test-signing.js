"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.testAuth = void 0;
exports.testSigningKeys = testSigningKeys;
const node_crypto_1 = require("node:crypto");
/** The issuer settings unit tests sign and verify with (no files, no environment). */
exports.testAuth = {
    issuer: 'ultramarket',
    audience: 'ultramarket-api',
    keyId: 'k1',
    publicKeyPem: undefined,
    privateKeyPem: undefined,
    keysDir: undefined,
    jwksUrl: undefined,
    tokenCache: { size: 10_000, maxAgeSeconds: 60 },
};
/** A fresh RSA key pair under `testAuth.keyId`. */
function testSigningKeys() {
    const pair = (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 });
    return {
        keyId: exports.testAuth.keyId,
        publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
}
//# sourceMappingURL=test-signing.js.map