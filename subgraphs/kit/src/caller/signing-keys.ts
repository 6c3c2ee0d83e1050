import { generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { AuthConfig } from '../config/kit-config';
import { VerifiedTokenCache } from './verified-token-cache';

export interface SigningKeys {
  keyId: string;
  /** The configured (or development) public key, for tokens whose `kid` is `keyId`; empty when only JWKS is used. */
  publicKeyPem: string;
  /** Only processes that issue tokens (the dev token command, accounts) need it. */
  privateKeyPem: string | undefined;
  /** Further keys by `kid`, read from JWKS_URL and refreshed (key rotation). */
  trustedKeys?: Map<string, string>;
  /** Tokens these keys verified lately (none: every token is verified); cleared when the trusted keys change. */
  verifiedTokens?: VerifiedTokenCache;
}

/** The key that verifies a token signed with `kid`; undefined for a key nobody trusts. */
export function verificationKeyFor(keys: SigningKeys, kid: string | undefined): KeyObject | undefined {
  const pem = kid === undefined || kid === keys.keyId ? keys.publicKeyPem || keys.trustedKeys?.get(keys.keyId) : keys.trustedKeys?.get(kid);
  return pem ? publicKeyOf(pem) : undefined;
}

/**
 * Parsed public keys by PEM: given a PEM string, jsonwebtoken parses it again on every verification,
 * which was a tenth of a subgraph's CPU under load. A handful of PEMs ever exist (configured key, JWKS
 * rotations).
 */
const parsedKeys = new Map<string, KeyObject>();

function publicKeyOf(pem: string): KeyObject {
  let key = parsedKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    parsedKeys.set(pem, key);
  }
  return key;
}

/** Repository root, from src/caller or dist/caller of subgraphs/kit. */
const defaultKeysDir = path.resolve(__dirname, '../../../../.dev-keys');

/**
 * Keys from configuration; without them (outside production) a development key pair is generated
 * once under `.dev-keys/` and shared by every local process.
 */
export function loadSigningKeys(auth: AuthConfig, isProduction: boolean): SigningKeys {
  if (auth.publicKeyPem) {
    return { keyId: auth.keyId, publicKeyPem: auth.publicKeyPem, privateKeyPem: auth.privateKeyPem, verifiedTokens: new VerifiedTokenCache(auth.tokenCache) };
  }
  if (isProduction) {
    if (auth.jwksUrl) {
      return { keyId: auth.keyId, publicKeyPem: '', privateKeyPem: undefined, trustedKeys: new Map(), verifiedTokens: new VerifiedTokenCache(auth.tokenCache) };
    }
    throw new Error('Invalid configuration: JWT_PUBLIC_KEY or JWKS_URL is required in production');
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
  return { keyId: auth.keyId, publicKeyPem, privateKeyPem, verifiedTokens: new VerifiedTokenCache(auth.tokenCache) };
}
