"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ACCOUNT_EMAIL_TOKEN_KEY_FILE = exports.ACCOUNT_EMAIL_TOKEN_KEY = void 0;
exports.loadAccountEmailTokenKey = loadAccountEmailTokenKey;
exports.sealAccountEmailToken = sealAccountEmailToken;
exports.openAccountEmailToken = openAccountEmailToken;
const symmetric_key_1 = require("./symmetric-key");
exports.ACCOUNT_EMAIL_TOKEN_KEY = 'ACCOUNT_EMAIL_TOKEN_KEY';
/** Outside production both accounts and notifications read (or create) this file, so they agree without configuration. */
exports.ACCOUNT_EMAIL_TOKEN_KEY_FILE = 'account-email-token.key';
/**
 * The key accounts seals emailed tokens with and notifications opens them with: `configured` is the
 * service's `ACCOUNT_EMAIL_TOKEN_KEY` (32 bytes base64), which each of the two services reads in its
 * own config (only they hold it); required in production, the shared development key file otherwise.
 */
function loadAccountEmailTokenKey(configured, options) {
    return (0, symmetric_key_1.loadSymmetricKey)({
        variable: exports.ACCOUNT_EMAIL_TOKEN_KEY,
        configured,
        isProduction: options.isProduction,
        developmentFile: exports.ACCOUNT_EMAIL_TOKEN_KEY_FILE,
        keysDir: options.keysDir,
    });
}
/** What a seal is bound to: the event that carries it and the user it is for, so a seal copied into another event does not open. */
function sealBinding(eventType, userId) {
    return `${eventType}:${userId}`;
}
/**
 * Seals an emailed token (verification, password reset) for the event that asks notifications to
 * send it. JetStream keeps events for days and every consumer of the stream can read them, so the
 * token travels only encrypted under ACCOUNT_EMAIL_TOKEN_KEY, which accounts and notifications alone hold.
 */
function sealAccountEmailToken(cipher, eventType, userId, token) {
    return cipher.encrypt(token, sealBinding(eventType, userId));
}
/** Opens a seal made by `sealAccountEmailToken` for the same event type and user; throws if it does not open. */
function openAccountEmailToken(cipher, eventType, userId, sealed) {
    return cipher.decrypt(sealed, sealBinding(eventType, userId));
}
//# sourceMappingURL=account-email-token.js.map