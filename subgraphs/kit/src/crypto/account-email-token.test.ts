import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config/env-reader';
import { loadAccountEmailTokenKey, openAccountEmailToken, sealAccountEmailToken } from './account-email-token';
import { SecretCipher } from './secret-cipher';

describe('ACCOUNT_EMAIL_TOKEN_KEY', () => {
  const keysDir = mkdtempSync(path.join(tmpdir(), 'account-email-token-'));
  afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

  it('is generated once outside production, in the file both services read', () => {
    const first = loadAccountEmailTokenKey({ JWT_KEYS_DIR: keysDir });
    expect(first).toHaveLength(32);
    expect(readFileSync(path.join(keysDir, 'account-email-token.key'), 'utf8')).toBe(first.toString('base64'));
    expect(loadAccountEmailTokenKey({}, { isProduction: false, keysDir }).equals(first)).toBe(true);
  });

  it('is read from the environment, required in production and checked', () => {
    const key = randomBytes(32);
    expect(loadAccountEmailTokenKey({ NODE_ENV: 'production', ACCOUNT_EMAIL_TOKEN_KEY: key.toString('base64') }).equals(key)).toBe(true);
    expect(() => loadAccountEmailTokenKey({ NODE_ENV: 'production', JWT_KEYS_DIR: keysDir })).toThrow(/ACCOUNT_EMAIL_TOKEN_KEY is required in production/);
    expect(() => loadAccountEmailTokenKey({ ACCOUNT_EMAIL_TOKEN_KEY: 'too short' })).toThrow(ConfigError);
    expect(() => loadAccountEmailTokenKey({ ACCOUNT_EMAIL_TOKEN_KEY: randomBytes(16).toString('base64') })).toThrow(/must be 32 bytes/);
  });

  it('seals a token that opens only for the same event type and user', () => {
    const cipher = new SecretCipher(randomBytes(32));
    const sealed = sealAccountEmailToken(cipher, 'accounts.user-registered', 'user-1', 'the-token');
    expect(sealed).not.toContain('the-token');
    expect(openAccountEmailToken(cipher, 'accounts.user-registered', 'user-1', sealed)).toBe('the-token');
    expect(() => openAccountEmailToken(cipher, 'accounts.password-reset-requested', 'user-1', sealed)).toThrow();
    expect(() => openAccountEmailToken(cipher, 'accounts.user-registered', 'user-2', sealed)).toThrow();
  });
});
