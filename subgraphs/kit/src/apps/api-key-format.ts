import { createHash, randomInt } from 'node:crypto';

/**
 * API keys as GitHub shapes its tokens, so secret scanners find leaked ones and a typo is caught
 * without a database: `umk_` + 40 random base62 characters (238 bits) + a 6-character base62
 * CRC-32 of those 40. Stored only as their SHA-256 (a key this random needs no slow hash: nobody
 * can guess it from its hash), shown by their display prefix (`umk_` and the first 8 characters).
 */
export const API_KEY_PREFIX = 'umk_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 40;
const CHECKSUM_LENGTH = 6;
const API_KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

/** A new key from the system's cryptographic random source. */
export function generateApiKey(): string {
  let random = '';
  for (let index = 0; index < RANDOM_LENGTH; index++) random += BASE62[randomInt(BASE62.length)];
  return `${API_KEY_PREFIX}${random}${checksumOf(random)}`;
}

/** True when `value` has a key's shape and its checksum holds (it may still be unknown or revoked). */
export function isWellFormedApiKey(value: string): boolean {
  if (!API_KEY_PATTERN.test(value)) return false;
  const body = value.slice(API_KEY_PREFIX.length);
  return checksumOf(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}

/** What is stored and looked up: the hex SHA-256 of the whole key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What people see of a key after it was shown once: `umk_` and its first 8 random characters. */
export function apiKeyDisplayPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + 8);
}

function checksumOf(random: string): string {
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
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
