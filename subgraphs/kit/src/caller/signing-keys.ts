import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { AuthConfig } from '../config/kit-config';

export interface SigningKeys {
  keyId: string;
  publicKeyPem: string;
  /** Only processes that issue tokens (the dev token command, later accounts) need it. */
  privateKeyPem: string | undefined;
}

/** Repository root, from src/caller or dist/caller of subgraphs/kit. */
const defaultKeysDir = path.resolve(__dirname, '../../../../.dev-keys');

/**
 * Keys from configuration; without them (outside production) a development key pair is generated
 * once under `.dev-keys/` and shared by every local process.
 */
export function loadSigningKeys(auth: AuthConfig, isProduction: boolean): SigningKeys {
  if (auth.publicKeyPem) {
    return { keyId: auth.keyId, publicKeyPem: auth.publicKeyPem, privateKeyPem: auth.privateKeyPem };
  }
  if (isProduction) {
    throw new Error('Invalid configuration: JWT_PUBLIC_KEY is required in production');
  }
  const dir = auth.keysDir ?? defaultKeysDir;
  const privatePath = path.join(dir, 'jwt-private.pem');
  if (!existsSync(privatePath)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const temporary = `${privatePath}.${process.pid}.tmp`;
    writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    // rename is atomic: concurrent first starts end up agreeing on one key pair
    if (!existsSync(privatePath)) renameSync(temporary, privatePath);
  }
  const privateKeyPem = readFileSync(privatePath, 'utf8');
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return { keyId: auth.keyId, publicKeyPem, privateKeyPem };
}
