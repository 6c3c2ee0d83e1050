"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SecretCipher = void 0;
const node_crypto_1 = require("node:crypto");
const VERSION = 'v1';
/**
 * AES-256-GCM with a random 96-bit IV and associated data naming what the secret belongs to, so a
 * ciphertext copied elsewhere does not decrypt. `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 * Used for accounts' TOTP secrets at rest (bound to the user id) and for the emailed tokens accounts
 * seals into its events for notifications (bound to `<event type>:<user id>`; account-email-token.ts).
 */
class SecretCipher {
    constructor(key) {
        this.key = key;
        if (key.length !== 32)
            throw new Error('the encryption key must be 32 bytes');
    }
    encrypt(secret, boundTo) {
        const iv = (0, node_crypto_1.randomBytes)(12);
        const cipher = (0, node_crypto_1.createCipheriv)('aes-256-gcm', this.key, iv);
        cipher.setAAD(Buffer.from(boundTo, 'utf8'));
        const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
        return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    }
    decrypt(stored, boundTo) {
        const [version, iv, tag, ciphertext] = stored.split('.');
        if (version !== VERSION || !iv || !tag || ciphertext === undefined)
            throw new Error('unreadable sealed secret');
        const decipher = (0, node_crypto_1.createDecipheriv)('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    }
}
exports.SecretCipher = SecretCipher;
//# sourceMappingURL=secret-cipher.js.map