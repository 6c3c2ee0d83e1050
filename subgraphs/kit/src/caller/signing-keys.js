"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.verificationKeyFor = verificationKeyFor;
exports.loadSigningKeys = loadSigningKeys;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const verified_token_cache_1 = require("./verified-token-cache");
/** The key that verifies a token signed with `kid`; undefined for a key nobody trusts. */
function verificationKeyFor(keys, kid) {
    const pem = kid === undefined || kid === keys.keyId ? keys.publicKeyPem || keys.trustedKeys?.get(keys.keyId) : keys.trustedKeys?.get(kid);
    return pem ? publicKeyOf(pem) : undefined;
}
/**
 * Parsed public keys by PEM: given a PEM string, jsonwebtoken parses it again on every verification,
 * which was a tenth of a subgraph's CPU under load. A handful of PEMs ever exist (configured key, JWKS
 * rotations).
 */
const parsedKeys = new Map();
function publicKeyOf(pem) {
    let key = parsedKeys.get(pem);
    if (!key) {
        key = (0, node_crypto_1.createPublicKey)(pem);
        parsedKeys.set(pem, key);
    }
    return key;
}
/** Repository root, from src/caller or dist/caller of subgraphs/kit. */
const defaultKeysDir = node_path_1.default.resolve(__dirname, '../../../../.dev-keys');
/**
 * Keys from configuration; without them (outside production) a development key pair is generated
 * once under `.dev-keys/` and shared by every local process.
 */
function loadSigningKeys(auth, isProduction) {
    if (auth.publicKeyPem) {
        return { keyId: auth.keyId, publicKeyPem: auth.publicKeyPem, privateKeyPem: auth.privateKeyPem, verifiedTokens: new verified_token_cache_1.VerifiedTokenCache(auth.tokenCache) };
    }
    if (isProduction) {
        if (auth.jwksUrl) {
            return { keyId: auth.keyId, publicKeyPem: '', privateKeyPem: undefined, trustedKeys: new Map(), verifiedTokens: new verified_token_cache_1.VerifiedTokenCache(auth.tokenCache) };
        }
        throw new Error('Invalid configuration: JWT_PUBLIC_KEY or JWKS_URL is required in production');
    }
    const dir = auth.keysDir ?? defaultKeysDir;
    const privatePath = node_path_1.default.join(dir, 'jwt-private.pem');
    if (!(0, node_fs_1.existsSync)(privatePath)) {
        (0, node_fs_1.mkdirSync)(dir, { recursive: true });
        const { privateKey } = (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 });
        const temporary = `${privatePath}.${process.pid}.tmp`;
        (0, node_fs_1.writeFileSync)(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
        // rename is atomic: concurrent first starts end up agreeing on one key pair
        if (!(0, node_fs_1.existsSync)(privatePath))
            (0, node_fs_1.renameSync)(temporary, privatePath);
    }
    const privateKeyPem = (0, node_fs_1.readFileSync)(privatePath, 'utf8');
    const publicKeyPem = (0, node_crypto_1.createPublicKey)(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
    return { keyId: auth.keyId, publicKeyPem, privateKeyPem, verifiedTokens: new verified_token_cache_1.VerifiedTokenCache(auth.tokenCache) };
}
//# sourceMappingURL=signing-keys.js.map