import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, envReader, type Env } from '../config/env-reader';
import { readAuthConfig, readNodeEnv } from '../config/kit-config';

/** Repository root, from src/security or dist/security of subgraphs/kit (where the development JWT keys live). */
const defaultKeysDir = path.resolve(__dirname, '../../../../.dev-keys');
const DEVELOPMENT_FILE = 'subgraph-signing-secret';
const MIN_LENGTH = 32;

/**
 * The secret the gateway signs subgraph requests with and subgraphs verify them with:
 * `SUBGRAPH_SIGNING_SECRET` (at least 32 characters, e.g. `openssl rand -hex 32`), required in
 * production. Outside production, without it, one is generated once in the development key directory
 * (`JWT_KEYS_DIR`, default `<repo>/.dev-keys`) and shared by every local process, like the JWT key pair,
 * so `npm start` and the tests need no setup.
 */
export function loadSubgraphSigningSecret(env: Env = process.env): string {
  const configured = envReader(env).optionalString('SUBGRAPH_SIGNING_SECRET');
  if (configured !== undefined) {
    if (configured.length < MIN_LENGTH)
      throw new ConfigError('SUBGRAPH_SIGNING_SECRET', `must be at least ${MIN_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`);
    return configured;
  }
  if (readNodeEnv(env) === 'production') {
    throw new ConfigError(
      'SUBGRAPH_SIGNING_SECRET',
      'is required in production: the gateway signs every subgraph request with it and subgraphs refuse any other',
    );
  }
  return developmentSecret(readAuthConfig(env).keysDir ?? defaultKeysDir);
}

function developmentSecret(dir: string): string {
  const file = path.join(dir, DEVELOPMENT_FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, randomBytes(32).toString('hex'), { mode: 0o600 });
    // rename is atomic: concurrent first starts end up agreeing on one secret
    if (!existsSync(file)) renameSync(temporary, file);
    else rmSync(temporary, { force: true });
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_LENGTH) throw new Error(`${file} does not hold a signing secret; delete it to generate a new one`);
  return secret;
}
