"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = __importDefault(require("node:path"));
const env_reader_1 = require("../config/env-reader");
const account_email_token_1 = require("./account-email-token");
const secret_cipher_1 = require("./secret-cipher");
describe('ACCOUNT_EMAIL_TOKEN_KEY', () => {
    const keysDir = (0, node_fs_1.mkdtempSync)(node_path_1.default.join((0, node_os_1.tmpdir)(), 'account-email-token-'));
    afterAll(() => (0, node_fs_1.rmSync)(keysDir, { recursive: true, force: true }));
    it('is generated once outside production, in the file both services read', () => {
        const first = (0, account_email_token_1.loadAccountEmailTokenKey)(undefined, { isProduction: false, keysDir });
        expect(first).toHaveLength(32);
        expect((0, node_fs_1.readFileSync)(node_path_1.default.join(keysDir, 'account-email-token.key'), 'utf8')).toBe(first.toString('base64'));
        expect((0, account_email_token_1.loadAccountEmailTokenKey)(undefined, { isProduction: false, keysDir }).equals(first)).toBe(true);
    });
    it('is read from the environment, required in production and checked', () => {
        const key = (0, node_crypto_1.randomBytes)(32);
        expect((0, account_email_token_1.loadAccountEmailTokenKey)(key.toString('base64'), { isProduction: true }).equals(key)).toBe(true);
        expect(() => (0, account_email_token_1.loadAccountEmailTokenKey)(undefined, { isProduction: true, keysDir })).toThrow(/ACCOUNT_EMAIL_TOKEN_KEY is required in production/);
        expect(() => (0, account_email_token_1.loadAccountEmailTokenKey)('too short', { isProduction: false, keysDir })).toThrow(env_reader_1.ConfigError);
        expect(() => (0, account_email_token_1.loadAccountEmailTokenKey)((0, node_crypto_1.randomBytes)(16).toString('base64'), { isProduction: false, keysDir })).toThrow(/must be 32 bytes/);
    });
    it('seals a token that opens only for the same event type and user', () => {
        const cipher = new secret_cipher_1.SecretCipher((0, node_crypto_1.randomBytes)(32));
        const sealed = (0, account_email_token_1.sealAccountEmailToken)(cipher, 'accounts.user-registered', 'user-1', 'the-token');
        expect(sealed).not.toContain('the-token');
        expect((0, account_email_token_1.openAccountEmailToken)(cipher, 'accounts.user-registered', 'user-1', sealed)).toBe('the-token');
        expect(() => (0, account_email_token_1.openAccountEmailToken)(cipher, 'accounts.password-reset-requested', 'user-1', sealed)).toThrow();
        expect(() => (0, account_email_token_1.openAccountEmailToken)(cipher, 'accounts.user-registered', 'user-2', sealed)).toThrow();
    });
});
//# sourceMappingURL=account-email-token.test.js.map