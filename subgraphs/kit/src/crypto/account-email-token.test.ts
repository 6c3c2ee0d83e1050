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
    const first = loadAccountEmailTokenKey(undefined, { isProduction: false, keysDir });
    expect(first).toHaveLength(32);
    expect(readFileSync(path.join(keysDir, 'account-email-token.key'), 'utf8')).toBe(first.toString('base64'));
    expect(loadAccountEmailTokenKey(undefined, { isProduction: false, keysDir }).equals(first)).toBe(true);
  });

  it('is read from the environment, required in production and checked', () => {
    const key = randomBytes(32);
    expect(loadAccountEmailTokenKey(key.toString('base64'), { isProduction: true }).equals(key)).toBe(true);
    expect(() => loadAccountEmailTokenKey(undefined, { isProduction: true, keysDir })).toThrow(/ACCOUNT_EMAIL_TOKEN_KEY is required in production/);
    expect(() => loadAccountEmailTokenKey('too short', { isProduction: false, keysDir })).toThrow(ConfigError);
    expect(() => loadAccountEmailTokenKey(randomBytes(16).toString('base64'), { isProduction: false, keysDir })).toThrow(/must be 32 bytes/);
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
