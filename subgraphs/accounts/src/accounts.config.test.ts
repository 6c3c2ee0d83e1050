import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@ultramarket/kit';
import { loadAccountsConfig } from './accounts.config';

describe('loadAccountsConfig', () => {
  let keysDir: string;
  beforeEach(() => {
    keysDir = mkdtempSync(path.join(tmpdir(), 'accounts-config-'));
  });
  afterEach(() => rmSync(keysDir, { recursive: true, force: true }));

  it('outside production generates a development MFA key once and keeps it', () => {
    const first = loadAccountsConfig({}, { isProduction: false, keysDir });
    expect(first.mfaEncryptionKey).toHaveLength(32);
    expect(readFileSync(path.join(keysDir, 'accounts-mfa-encryption.key'), 'utf8')).toBe(first.mfaEncryptionKey.toString('base64'));
    expect(loadAccountsConfig({}, { isProduction: false, keysDir }).mfaEncryptionKey.equals(first.mfaEncryptionKey)).toBe(true);
    // the key sealing emailed tokens for notifications, which reads the same file
    expect(first.emailTokenKey).toHaveLength(32);
    expect(first.emailTokenKey.equals(first.mfaEncryptionKey)).toBe(false);
    expect(readFileSync(path.join(keysDir, 'account-email-token.key'), 'utf8')).toBe(first.emailTokenKey.toString('base64'));
    expect(first).toMatchObject({ totpIssuer: 'UltraMarket', bootstrapAdmin: null });
  });

  it('reads configured keys and the bootstrap admin', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const emailTokenKey = Buffer.alloc(32, 8).toString('base64');
    const config = loadAccountsConfig(
      {
        ACCOUNTS_MFA_ENCRYPTION_KEY: key,
        ACCOUNT_EMAIL_TOKEN_KEY: emailTokenKey,
        ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com',
        ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD: 'Very-long-admin-secret',
      },
      { isProduction: true },
    );
    expect(config.mfaEncryptionKey.toString('base64')).toBe(key);
    expect(config.emailTokenKey.toString('base64')).toBe(emailTokenKey);
    expect(config.bootstrapAdmin).toEqual({ email: 'root@example.com', password: 'Very-long-admin-secret' });
  });

  it.each([
    [{}, true, /ACCOUNTS_MFA_ENCRYPTION_KEY is required in production/],
    [{ ACCOUNTS_MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }, true, /ACCOUNT_EMAIL_TOKEN_KEY is required in production/],
    [{ ACCOUNT_EMAIL_TOKEN_KEY: 'too short' }, false, /ACCOUNT_EMAIL_TOKEN_KEY must be 32 bytes/],
    [{ ACCOUNTS_MFA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }, false, /ACCOUNTS_MFA_ENCRYPTION_KEY must be 32 bytes/],
    [{ ACCOUNTS_MFA_ENCRYPTION_KEY: 'not base64 at all!' }, false, /ACCOUNTS_MFA_ENCRYPTION_KEY must be 32 bytes/],
    [{ ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com' }, false, /ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD is required/],
    [{ ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD: 'Very-long-admin-secret' }, false, /ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL is required/],
    [{ ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL: 'root', ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD: 'Very-long-admin-secret' }, false, /must be an email/],
    [{ ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com', ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD: 'short' }, false, /too weak/],
  ])('fails at start naming the variable (%p)', (env, isProduction, message) => {
    expect(() => loadAccountsConfig(env, { isProduction, keysDir })).toThrow(ConfigError);
    expect(() => loadAccountsConfig(env, { isProduction, keysDir })).toThrow(message);
  });
});
