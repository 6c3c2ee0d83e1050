"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const api_key_format_1 = require("./api-key-format");
describe('API key format', () => {
    it('is umk_ and 46 base62 characters, different every time', () => {
        const keys = Array.from({ length: 50 }, api_key_format_1.generateApiKey);
        for (const key of keys)
            expect(key).toMatch(/^umk_[0-9A-Za-z]{46}$/);
        expect(new Set(keys).size).toBe(keys.length);
    });
    it('checks its own checksum', () => {
        const key = (0, api_key_format_1.generateApiKey)();
        expect((0, api_key_format_1.isWellFormedApiKey)(key)).toBe(true);
        // one changed random character, one changed checksum character: both caught
        const body = key.slice(api_key_format_1.API_KEY_PREFIX.length);
        const flip = (char) => (char === 'a' ? 'b' : 'a');
        expect((0, api_key_format_1.isWellFormedApiKey)(`${api_key_format_1.API_KEY_PREFIX}${flip(body[0])}${body.slice(1)}`)).toBe(false);
        expect((0, api_key_format_1.isWellFormedApiKey)(`${api_key_format_1.API_KEY_PREFIX}${body.slice(0, -1)}${flip(body.slice(-1))}`)).toBe(false);
    });
    it('refuses other shapes', () => {
        const key = (0, api_key_format_1.generateApiKey)();
        for (const value of ['', 'umk_', key.slice(0, -1), `${key}x`, key.replace('umk_', 'ghp_'), `${key.slice(0, 10)}-${key.slice(11)}`, `eyJ${key}`]) {
            expect((0, api_key_format_1.isWellFormedApiKey)(value)).toBe(false);
        }
    });
    it('is stored as its SHA-256 and shown by its prefix', () => {
        const key = (0, api_key_format_1.generateApiKey)();
        expect((0, api_key_format_1.hashApiKey)(key)).toBe((0, node_crypto_1.createHash)('sha256').update(key).digest('hex'));
        expect((0, api_key_format_1.hashApiKey)(key)).toMatch(/^[0-9a-f]{64}$/);
        expect((0, api_key_format_1.apiKeyDisplayPrefix)(key)).toBe(key.slice(0, 12));
        expect(key.startsWith((0, api_key_format_1.apiKeyDisplayPrefix)(key))).toBe(true);
    });
});
//# sourceMappingURL=api-key-format.test.js.map