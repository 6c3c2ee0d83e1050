/**
 * API keys as GitHub shapes its tokens, so secret scanners find leaked ones and a typo is caught
 * without a database: `umk_` + 40 random base62 characters (238 bits) + a 6-character base62
 * CRC-32 of those 40. Stored only as their SHA-256 (a key this random needs no slow hash: nobody
 * can guess it from its hash), shown by their display prefix (`umk_` and the first 8 characters).
 */
export declare const API_KEY_PREFIX = "umk_";
/** A new key from the system's cryptographic random source. */
export declare function generateApiKey(): string;
/** True when `value` has a key's shape and its checksum holds (it may still be unknown or revoked). */
export declare function isWellFormedApiKey(value: string): boolean;
/** What is stored and looked up: the hex SHA-256 of the whole key. */
export declare function hashApiKey(key: string): string;
/** What people see of a key after it was shown once: `umk_` and its first 8 random characters. */
export declare function apiKeyDisplayPrefix(key: string): string;
