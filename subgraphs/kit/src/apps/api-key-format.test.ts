import { createHash } from 'node:crypto';
import { API_KEY_PREFIX, apiKeyDisplayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format';

describe('API key format', () => {
  it('is umk_ and 46 base62 characters, different every time', () => {
    const keys = Array.from({ length: 50 }, generateApiKey);
    for (const key of keys) expect(key).toMatch(/^umk_[0-9A-Za-z]{46}$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('checks its own checksum', () => {
    const key = generateApiKey();
    expect(isWellFormedApiKey(key)).toBe(true);
    // one changed random character, one changed checksum character: both caught
    const body = key.slice(API_KEY_PREFIX.length);
    const flip = (char: string) => (char === 'a' ? 'b' : 'a');
    expect(isWellFormedApiKey(`${API_KEY_PREFIX}${flip(body[0])}${body.slice(1)}`)).toBe(false);
    expect(isWellFormedApiKey(`${API_KEY_PREFIX}${body.slice(0, -1)}${flip(body.slice(-1))}`)).toBe(false);
  });

  it('refuses other shapes', () => {
    const key = generateApiKey();
    for (const value of ['', 'umk_', key.slice(0, -1), `${key}x`, key.replace('umk_', 'ghp_'), `${key.slice(0, 10)}-${key.slice(11)}`, `eyJ${key}`]) {
      expect(isWellFormedApiKey(value)).toBe(false);
    }
  });

  it('is stored as its SHA-256 and shown by its prefix', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyDisplayPrefix(key)).toBe(key.slice(0, 12));
    expect(key.startsWith(apiKeyDisplayPrefix(key))).toBe(true);
  });
});
