import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/env-reader';

/** Repository root, from src/crypto or dist/crypto of subgraphs/kit (where the development JWT keys live). */
const defaultKeysDir = path.resolve(__dirname, '../../../../.dev-keys');
const KEY_BYTES = 32;

export interface SymmetricKeyOptions {
  /** The environment variable that holds the key, named in every error. */
  variable: string;
  /** Its value, if set. */
  configured: string | undefined;
  isProduction: boolean;
  /** The file generated once outside production, shared by every local process that reads this key. */
  developmentFile: string;
  /** Where development keys live (the kit's JWT_KEYS_DIR); default `<repo>/.dev-keys`. */
  keysDir?: string;
}

/**
 * A 32-byte AES-256 key from a base64 environment variable (`openssl rand -base64 32`), required in
 * production. Outside production, without it, one is generated once in the development key directory
 * and read back by every local process, like the JWT key pair, so processes that must agree on a key
 * (accounts and notifications) do so with no setup.
 */
export function loadSymmetricKey(options: SymmetricKeyOptions): Buffer {
  const { variable, configured } = options;
  if (configured !== undefined) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== configured.replace(/=+$/, '')) {
      throw new ConfigError(variable, 'must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
    }
    return key;
  }
  if (options.isProduction) throw new ConfigError(variable, 'is required in production');
  return developmentKey(options.keysDir ?? defaultKeysDir, options.developmentFile);
}

function developmentKey(dir: string, name: string): Buffer {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600 });
    // rename is atomic: concurrent first starts end up agreeing on one key
    if (!existsSync(file)) renameSync(temporary, file);
    else rmSync(temporary, { force: true });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a 32-byte base64 key; delete it to generate a new one`);
  return key;
}
