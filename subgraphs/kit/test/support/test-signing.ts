import { generateKeyPairSync } from 'node:crypto';
import type { AuthConfig } from '../../src/config/kit-config';
import type { SigningKeys } from '../../src/caller/signing-keys';

/** The issuer settings unit tests sign and verify with (no files, no environment). */
export const testAuth: AuthConfig = {
  issuer: 'ultramarket',
  audience: 'ultramarket-api',
  keyId: 'k1',
  publicKeyPem: undefined,
  privateKeyPem: undefined,
  keysDir: undefined,
  jwksUrl: undefined,
  tokenCache: { size: 10_000, maxAgeSeconds: 60 },
};

/** A fresh RSA key pair under `testAuth.keyId`. */
export function testSigningKeys(): SigningKeys {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    keyId: testAuth.keyId,
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
