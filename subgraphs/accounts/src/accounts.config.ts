import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isEmail } from 'class-validator';
import { ConfigError, envReader, type Env } from '@ultramarket/kit';
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

/** Repository root, from src/ or dist/ of subgraphs/accounts. */
const defaultKeysDir = path.resolve(__dirname, '../../../.dev-keys');
const MFA_KEY_FILE = 'accounts-mfa-encryption.key';
/** Notifications reads the same file outside production, so the two agree without configuration. */
const EMAIL_TOKEN_KEY_FILE = 'account-email-token.key';

export function loadAccountsConfig(env: Env, options: AccountsConfigOptions): AccountsConfig {
  const read = envReader(env);
  return {
    mfaEncryptionKey: readKey('ACCOUNTS_MFA_ENCRYPTION_KEY', MFA_KEY_FILE, read.optionalString('ACCOUNTS_MFA_ENCRYPTION_KEY'), options),
    emailTokenKey: readKey('ACCOUNT_EMAIL_TOKEN_KEY', EMAIL_TOKEN_KEY_FILE, read.optionalString('ACCOUNT_EMAIL_TOKEN_KEY'), options),
    totpIssuer: read.string('ACCOUNTS_TOTP_ISSUER', 'UltraMarket'),
    bootstrapAdmin: readBootstrapAdmin(read.optionalString('ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL'), read.optionalString('ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD')),
  };
}

function readKey(variable: string, developmentFile: string, configured: string | undefined, options: AccountsConfigOptions): Buffer {
  if (configured !== undefined) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== configured.replace(/=+$/, '')) {
      throw new ConfigError(variable, 'must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
    }
    return key;
  }
  if (options.isProduction) throw new ConfigError(variable, 'is required in production');
  return developmentKey(options.keysDir ?? defaultKeysDir, developmentFile);
}

/** Generated once next to the development JWT key pair and shared by every local process, like it. */
function developmentKey(dir: string, name: string): Buffer {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, randomBytes(32).toString('base64'), { mode: 0o600 });
    // rename is atomic: concurrent first starts end up agreeing on one key
    if (!existsSync(file)) renameSync(temporary, file);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key; delete it to generate a new one`);
  return key;
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
