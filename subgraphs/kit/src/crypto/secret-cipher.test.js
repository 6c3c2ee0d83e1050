"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const secret_cipher_1 = require("./secret-cipher");
describe('SecretCipher', () => {
    const cipher = new secret_cipher_1.SecretCipher((0, node_crypto_1.randomBytes)(32));
    it('round-trips a secret without storing it in the clear', () => {
        const stored = cipher.encrypt('JBSWY3DPEHPK3PXP', 'user-1');
        expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(stored).not.toContain('JBSWY3DPEHPK3PXP');
        expect(cipher.decrypt(stored, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
        expect(cipher.encrypt('JBSWY3DPEHPK3PXP', 'user-1')).not.toBe(stored);
    });
    it('refuses another user, another key and a tampered ciphertext', () => {
        const stored = cipher.encrypt('JBSWY3DPEHPK3PXP', 'user-1');
        expect(() => cipher.decrypt(stored, 'user-2')).toThrow();
        expect(() => new secret_cipher_1.SecretCipher((0, node_crypto_1.randomBytes)(32)).decrypt(stored, 'user-1')).toThrow();
        const [version, iv, tag, ciphertext] = stored.split('.');
        const flipped = Buffer.from(ciphertext, 'base64url');
        flipped[0] ^= 1;
        expect(() => cipher.decrypt([version, iv, tag, flipped.toString('base64url')].join('.'), 'user-1')).toThrow();
    });
    it('needs a 32-byte key', () => {
        expect(() => new secret_cipher_1.SecretCipher((0, node_crypto_1.randomBytes)(16))).toThrow(/32 bytes/);
    });
});
//# sourceMappingURL=secret-cipher.test.js.map