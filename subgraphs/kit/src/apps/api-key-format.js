"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_KEY_PREFIX = void 0;
exports.generateApiKey = generateApiKey;
exports.isWellFormedApiKey = isWellFormedApiKey;
exports.hashApiKey = hashApiKey;
exports.apiKeyDisplayPrefix = apiKeyDisplayPrefix;
const node_crypto_1 = require("node:crypto");
/**
 * API keys as GitHub shapes its tokens, so secret scanners find leaked ones and a typo is caught
 * without a database: `umk_` + 40 random base62 characters (238 bits) + a 6-character base62
 * CRC-32 of those 40. Stored only as their SHA-256 (a key this random needs no slow hash: nobody
 * can guess it from its hash), shown by their display prefix (`umk_` and the first 8 characters).
 */
exports.API_KEY_PREFIX = 'umk_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 40;
const CHECKSUM_LENGTH = 6;
const API_KEY_PATTERN = new RegExp(`^${exports.API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);
/** A new key from the system's cryptographic random source. */
function generateApiKey() {
    let random = '';
    for (let index = 0; index < RANDOM_LENGTH; index++)
        random += BASE62[(0, node_crypto_1.randomInt)(BASE62.length)];
    return `${exports.API_KEY_PREFIX}${random}${checksumOf(random)}`;
}
/** True when `value` has a key's shape and its checksum holds (it may still be unknown or revoked). */
function isWellFormedApiKey(value) {
    if (!API_KEY_PATTERN.test(value))
        return false;
    const body = value.slice(exports.API_KEY_PREFIX.length);
    return checksumOf(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}
/** What is stored and looked up: the hex SHA-256 of the whole key. */
function hashApiKey(key) {
    return (0, node_crypto_1.createHash)('sha256').update(key).digest('hex');
}
/** What people see of a key after it was shown once: `umk_` and its first 8 random characters. */
function apiKeyDisplayPrefix(key) {
    return key.slice(0, exports.API_KEY_PREFIX.length + 8);
}
function checksumOf(random) {
    let value = crc32(Buffer.from(random, 'ascii'));
    let encoded = '';
    for (let index = 0; index < CHECKSUM_LENGTH; index++) {
        encoded = BASE62[value % 62] + encoded;
        value = Math.floor(value / 62);
    }
    return encoded;
}
const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++)
        crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    return crc >>> 0;
});
function crc32(bytes) {
    let crc = 0xffffffff;
    for (const byte of bytes)
        crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
//# sourceMappingURL=api-key-format.js.map