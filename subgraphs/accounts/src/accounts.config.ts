import { isEmail } from 'class-validator';
import { ConfigError, envReader, loadAccountEmailTokenKey, loadSymmetricKey, type Env } from '@ultramarket/kit';
import { passwordProblems } from './password/password-policy';

/** What the accounts subgraph reads from its environment, besides the kit's variables. */
export interface AccountsConfig {
  /** AES-256-GCM key for TOTP secrets at rest. */
  mfaEncryptionKey: Buffer;
  /**
   * AES-256-GCM key shared with notifications (ACCOUNT_EMAIL_TOKEN_KEY): the verification and reset
   * tokens travel in events sealed with it, so the retained stream and its other consumers never read them.
   */
  emailTokenKey: Buffer;
  /** The issuer authenticator apps show next to the code. */
  totpIssuer: string;
  /** A platform admin to create at start if missing, so a fresh install has someone to assign roles. */
  bootstrapAdmin: { email: string; password: string } | null;
}

export interface AccountsConfigOptions {
  isProduction: boolean;
  /** Where development keys live (the kit's JWT_KEYS_DIR); default `<repo>/.dev-keys`. */
  keysDir?: string;
}

const MFA_KEY_FILE = 'accounts-mfa-encryption.key';

export function loadAccountsConfig(env: Env, options: AccountsConfigOptions): AccountsConfig {
  const read = envReader(env);
  return {
    mfaEncryptionKey: loadSymmetricKey({
      variable: 'ACCOUNTS_MFA_ENCRYPTION_KEY',
      configured: read.optionalString('ACCOUNTS_MFA_ENCRYPTION_KEY'),
      isProduction: options.isProduction,
      developmentFile: MFA_KEY_FILE,
      keysDir: options.keysDir,
    }),
    // notifications loads it the same way: the same variable, the same development file
    emailTokenKey: loadAccountEmailTokenKey(read.optionalString('ACCOUNT_EMAIL_TOKEN_KEY'), options),
    totpIssuer: read.string('ACCOUNTS_TOTP_ISSUER', 'UltraMarket'),
    bootstrapAdmin: readBootstrapAdmin(read.optionalString('ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL'), read.optionalString('ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD')),
  };
}

function readBootstrapAdmin(email: string | undefined, password: string | undefined): AccountsConfig['bootstrapAdmin'] {
  if (email === undefined && password === undefined) return null;
  if (email === undefined) throw new ConfigError('ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL', 'is required with ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD');
  if (password === undefined) throw new ConfigError('ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD', 'is required with ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL');
  if (!isEmail(email)) throw new ConfigError('ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL', 'must be an email address');
  const problems = passwordProblems(password, email);
  if (problems.length > 0) throw new ConfigError('ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD', `is too weak: ${problems.join('; ')}`);
  return { email, password };
}
